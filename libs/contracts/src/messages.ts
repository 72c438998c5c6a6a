/**
 * Messages a person reads, in zh-CN first and English second. The API picks one by
 * Accept-Language; the web app uses the same catalogue for errors it shows.
 * `{name}` placeholders are filled from an error's params.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

export const ERROR_MESSAGES = {
  'request.invalid': { 'zh-CN': '请求内容有误', en: 'The request is invalid' },
  'request.malformed_json': {
    'zh-CN': '请求内容不是有效的 JSON',
    en: 'The request body is not valid JSON',
  },
  'request.too_large': {
    'zh-CN': '请求内容过大（上限 {limit}）',
    en: 'The request body is too large (limit {limit})',
  },
  'route.not_found': { 'zh-CN': '接口不存在：{path}', en: 'No such endpoint: {path}' },
  'entity.not_found': { 'zh-CN': '未找到{entity}', en: '{entity} not found' },
  conflict: { 'zh-CN': '与现有数据冲突', en: 'This conflicts with existing data' },
  'auth.unauthenticated': { 'zh-CN': '请先登录', en: 'Please sign in' },
  'auth.forbidden': { 'zh-CN': '您没有权限执行此操作', en: 'You are not allowed to do this' },
  'auth.invalid_credentials': {
    'zh-CN': '用户名或密码错误',
    en: 'Wrong username or password',
  },
  'auth.throttled': {
    'zh-CN': '登录失败次数过多，请 {seconds} 秒后再试',
    en: 'Too many failed sign-ins; try again in {seconds} seconds',
  },
  'auth.account_disabled': { 'zh-CN': '账号已停用', en: 'This account is disabled' },
  'auth.password_change_required': {
    'zh-CN': '请先修改初始密码',
    en: 'Please change your initial password first',
  },
  'auth.wrong_current_password': {
    'zh-CN': '当前密码不正确',
    en: 'The current password is wrong',
  },
  'auth.password_reused': {
    'zh-CN': '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  'user.username_taken': {
    'zh-CN': '用户名“{username}”已被使用',
    en: 'The username "{username}" is already taken',
  },
  'competition.status_transition': {
    'zh-CN': '竞赛状态不能从“{from}”直接改为“{to}”',
    en: 'A competition cannot go from "{from}" to "{to}"',
  },
  'registration.rejected': {
    'zh-CN': '无法报名：{count} 项不符合要求',
    en: 'The entry cannot be accepted: {count} problem(s)',
  },
  'registration.status_change': {
    'zh-CN': '当前状态为“{from}”，不能改为“{to}”',
    en: 'An entry that is "{from}" cannot become "{to}"',
  },
  'import.file_invalid': {
    'zh-CN': '无法导入该文件',
    en: 'This file cannot be imported',
  },
  'import.registration_closed': {
    'zh-CN': '报名未开放或已截止，不能导入',
    en: 'Registration is not open: nothing can be imported',
  },
  'import.not_ready': {
    'zh-CN': '该导入当前状态为“{status}”，不能{action}',
    en: 'This import is "{status}" and cannot be {action}',
  },
  'import.has_errors': {
    'zh-CN':
      '有 {count} 行存在问题，按“全部或全不”方式不能导入；请修改后重新上传，或选择只导入有效行',
    en: '{count} row(s) have problems, so "all or nothing" imports nothing; fix them and upload again, or import only the valid rows',
  },
  'organisation.in_use': {
    'zh-CN':
      '“{name}”下还有 {children} 个下级单位、{people} 名职工、{competitions} 项竞赛、{teams} 支队伍、{grants} 个账号授权，不能删除',
    en: '"{name}" cannot be deleted: {children} organisation(s) below it, {people} worker(s), {competitions} competition(s), {teams} team(s) and {grants} account grant(s) still refer to it',
  },
  'organisation.credit_code_taken': {
    'zh-CN': '统一社会信用代码 {creditCode} 已属于“{name}”',
    en: 'The credit code {creditCode} already belongs to "{name}"',
  },
  'organisation.invalid': {
    'zh-CN': '组织信息有误：{count} 项问题',
    en: 'The organisation cannot be saved: {count} problem(s)',
  },
  'registration.substitution_closed': {
    'zh-CN': '换人截止时间（{deadline}）已过，不能再换人',
    en: 'The substitution deadline ({deadline}) has passed: the worker can no longer be replaced',
  },
  'team.invalid': {
    'zh-CN': '队伍操作未完成：{count} 项问题',
    en: 'The team change was refused: {count} problem(s)',
  },
  'team.status_change': {
    'zh-CN': '队伍当前状态为“{status}”，不能进行此操作',
    en: 'A team that is "{status}" cannot be changed this way',
  },
  'scoreboard.not_frozen': {
    'zh-CN': '该项目未封榜，无需揭晓',
    en: 'This event is not frozen, so there is nothing to reveal',
  },
  'scoreboard.revealing': {
    'zh-CN': '揭晓进行中，不能修改封榜时间',
    en: 'A reveal is under way; the freeze time cannot change now',
  },
  'scoreboard.vote_not_open': {
    'zh-CN': '该项目的群众投票未开放或已截止',
    en: 'The audience vote of this event is not open',
  },
  'scoreboard.vote_already_cast': {
    'zh-CN': '您已在该项目投过票，每个账号限投一票',
    en: 'You have already voted in this event; one vote per account',
  },
  'scoreboard.vote_unknown_entry': {
    'zh-CN': '所选选手不在该项目的榜单上',
    en: "The chosen competitor is not on this event's board",
  },
  'scoreboard.vote_throttled': {
    'zh-CN': '操作过于频繁，请 {seconds} 秒后再试',
    en: 'Too many attempts; try again in {seconds} seconds',
  },
  'draw.capacity_short': {
    'zh-CN':
      '工位不足：有 {entries} 个参赛单位，但本轮次各场次共只有 {capacity} 个工位；请增加场次或工位',
    en: 'Not enough stations: {entries} to place but the sessions of this round have only {capacity}; add sessions or stations',
  },
  'draw.no_entries': {
    'zh-CN':
      '没有可抽签的参赛者：首轮需有审核通过的报名（团体项目需成员均已通过的完整队伍），后续轮次需先晋级',
    en: 'Nothing to draw: the first round needs approved entries (complete teams of approved members in a team event); later rounds need promotion first',
  },
  'draw.round_started': {
    'zh-CN': '本轮次已于 {at} 开始，不能重新抽签',
    en: 'This round started at {at}, so it cannot be drawn again',
  },
  'draw.not_drawn': {
    'zh-CN': '本轮次尚未抽签',
    en: 'This round has not been drawn yet',
  },
  'draw.already_revealed': {
    'zh-CN': '加密号对应关系已于 {at} 揭晓',
    en: 'The code mapping was already revealed at {at}',
  },
  'check_in.not_found': {
    'zh-CN': '本轮次没有参赛号为“{number}”的参赛者',
    en: 'No one in this round has the candidate number "{number}"',
  },
  'photo.invalid': {
    'zh-CN': '照片须为 JPEG 或 PNG 图片，且不超过 2 MB',
    en: 'The photo must be a JPEG or PNG image of at most 2 MB',
  },
  'photo.not_found': {
    'zh-CN': '尚未上传照片',
    en: 'No photo has been uploaded',
  },
  'results.not_published': {
    'zh-CN': '“{event}”的成绩尚未公布，不能生成该文件',
    en: 'The results of "{event}" are not published yet, so this document cannot be made',
  },
  'results.changed_since_publication': {
    'zh-CN': '第 {version} 版成绩公布后评分又有变动，请重新公布成绩后再生成评分明细',
    en: 'Marks changed after result version {version} was published; publish the results again before making the mark sheet',
  },
  'certificate.none_awarded': {
    'zh-CN': '“{event}”没有获奖选手，无需制作证书',
    en: 'Nobody in "{event}" has an award, so there are no certificates to make',
  },
  'certificate.already_revoked': {
    'zh-CN': '该证书已于 {revokedAt} 撤销',
    en: 'This certificate was already revoked on {revokedAt}',
  },
  'judging.not_assigned': {
    'zh-CN': '您未被分配评阅此评分表',
    en: 'You are not assigned to this score sheet',
  },
  'judging.sheet_not_open': {
    'zh-CN': '评分表当前为“{status}”，不能评分',
    en: 'The score sheet is "{status}" and cannot be marked',
  },
  'judging.round_closed': {
    'zh-CN': '本轮成绩已{phase}，不能再修改评分',
    en: 'The round is {phase}; marks can no longer change',
  },
  'judging.unknown_aspect': {
    'zh-CN': '评分标准中没有评分点“{aspect}”',
    en: 'The rubric has no aspect "{aspect}"',
  },
  'judging.aspect_not_assigned': {
    'zh-CN': '您未被分配评分点“{aspect}”',
    en: 'You are not assigned to mark "{aspect}"',
  },
  'judging.invalid_value': {
    'zh-CN': '“{aspect}”的分值 {value} 不符合评分标准（允许 {min} 至 {max}，步长 {step}）',
    en: 'The mark {value} for "{aspect}" does not fit the rubric (allowed {min} to {max}, step {step})',
  },
  'judging.reason_required': {
    'zh-CN': '修改已提交的评分须填写理由',
    en: 'Changing a submitted mark needs a reason',
  },
  'judging.entry_absent': {
    'zh-CN': '该选手缺考，不评分',
    en: 'This entry is absent and is not marked',
  },
  'judging.recused': {
    'zh-CN': '须回避：您不能评阅本单位或有利害关系的选手',
    en: 'Recusal: you may not mark a competitor from your own enterprise or one you declared a conflict with',
  },
  'judging.signature_mismatch': {
    'zh-CN': '签名须与您的姓名“{name}”一致',
    en: 'The signature must match your name "{name}"',
  },
  'judging.sheet_incomplete': {
    'zh-CN': '还有 {count} 个评分点未评分，不能提交',
    en: '{count} aspect(s) are not marked yet; the sheet cannot be submitted',
  },
  'judging.sheet_transition': {
    'zh-CN': '评分表当前为“{from}”，不能改为“{to}”',
    en: 'A sheet that is "{from}" cannot become "{to}"',
  },
  'judging.phase_transition': {
    'zh-CN': '本轮当前为“{from}”，不能改为“{to}”',
    en: 'The round is "{from}" and cannot become "{to}"',
  },
  'judging.results_incomplete': {
    'zh-CN': '还有 {count} 名选手的成绩未完成或待裁判长复核',
    en: '{count} entr(ies) are incomplete or need the head judge',
  },
  'judging.no_rubric': {
    'zh-CN': '该轮次尚未设置评分标准',
    en: 'This round has no rubric yet',
  },
  'judging.reason_missing': {
    'zh-CN': '此操作须填写理由',
    en: 'This action needs a reason',
  },
  'judging.appeal_window_closed': {
    'zh-CN': '申诉期已过（成绩发布后 {hours} 小时内可申诉）',
    en: 'The appeal window has closed (appeals within {hours} hours of publication)',
  },
  'judging.appeal_not_published': {
    'zh-CN': '成绩尚未发布，不能申诉',
    en: 'Results are not published; there is nothing to appeal yet',
  },
  'judging.appeal_status': {
    'zh-CN': '申诉当前为“{status}”，不能改为“{to}”',
    en: 'An appeal that is "{status}" cannot become "{to}"',
  },
  'judging.theory_import_invalid': {
    'zh-CN': '有 {count} 行存在问题，全部未导入；请修改后重新上传',
    en: '{count} row(s) have problems, so nothing was imported; fix them and upload again',
  },
  'judging.no_imported_aspect': {
    'zh-CN': '评分标准中没有可导入的评分点（kind 为 imported）“{aspect}”',
    en: 'The rubric has no imported aspect "{aspect}"',
  },
  internal: {
    'zh-CN': '服务器内部错误，请将编号 {correlationId} 告知管理员',
    en: 'Internal server error; please give the administrator the reference {correlationId}',
  },
} as const satisfies Record<string, Bilingual>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * Custom validation messages in schemas are written "English / 中文"; this picks one side.
 */
export function pickBilingual(message: string, locale: Locale): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  return locale === 'en' ? parts[0]! : parts[1]!;
}

export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'zh-CN';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function formatMessage(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function translateError(
  code: ErrorCode,
  locale: Locale,
  params?: Readonly<Record<string, string | number>>,
): string {
  return formatMessage(ERROR_MESSAGES[code][locale], params);
}
