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
