import type { CompetitionSetup, EventRequest } from '@jingsai/contracts';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fieldError } from '../../test/dom';
import { errorBody, fakeApi, type FakeReply, type RecordedCall } from '../../test/fetch';
import {
  COMPETITION_ID,
  competitionSetup,
  EVENT_ID,
  eventView,
  grant,
  ROUND_ID,
  roundView,
  SECTOR_ID,
  sessionUser,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import CompetitionSetupPage from './CompetitionSetupPage.svelte';

const BASE = `/api/v1/competitions/${COMPETITION_ID}`;
const NEW_EVENT_ID = '4f5a6b7c-bbbb-4d8e-9f0a-2b3c4d5e6f7a';
const COPY_ID = '7c8d9e0f-cccc-4a3b-8c4d-5e6f7a8b9c0d';

type Routes = Record<string, FakeReply | ((call: RecordedCall) => FakeReply)>;

function renderSetup(setup: CompetitionSetup, routes: Routes = {}): { calls: RecordedCall[] } {
  const api = fakeApi({ [`GET ${BASE}/setup`]: { body: setup }, ...routes });
  render(CompetitionSetupPage, { props: { params: { id: COMPETITION_ID } } });
  return api;
}

const writes = (calls: RecordedCall[]): RecordedCall[] =>
  calls.filter((call) => call.method !== 'GET');

const field = (label: string): string | null => fieldError(screen.getByLabelText(label));

// Sections are labelled by their headings too ("行业分组"), hence the selectors.
async function type(label: string, value: string): Promise<void> {
  await fireEvent.input(screen.getByLabelText(label, { selector: 'input, textarea' }), {
    target: { value },
  });
}

async function choose(label: string, value: string): Promise<void> {
  await fireEvent.change(screen.getByLabelText(label, { selector: 'select' }), {
    target: { value },
  });
}

function statusButtons(): string[] {
  return within(screen.getByTestId('status-actions'))
    .getAllByRole('button')
    .map((button) => button.textContent?.trim() ?? '');
}

async function openRounds(): Promise<void> {
  await fireEvent.click(await screen.findByRole('button', { name: /^轮次与场次/ }));
}

describe('competition setup: status', () => {
  beforeEach(() =>
    resetApp(`/competitions/${COMPETITION_ID}/setup`, sessionUser([grant('organiser')])),
  );

  it('offers only the moves the server allows and makes one after confirmation', async () => {
    const { calls } = renderSetup(
      competitionSetup({
        status: 'registration_open',
        allowedTransitions: ['registration_closed', 'draft'],
      }),
      {
        [`POST ${BASE}/status`]: {
          body: competitionSetup({
            status: 'registration_closed',
            allowedTransitions: ['registration_open', 'running'],
          }),
        },
      },
    );

    await screen.findByTestId('status-actions');
    expect(statusButtons()).toEqual(['截止报名', '退回筹备']);

    await fireEvent.click(screen.getByRole('button', { name: '截止报名' }));
    expect(screen.getByText('截止后不再接受新的报名。确定截止报名？')).toBeTruthy();
    expect(writes(calls)).toEqual([]);

    await fireEvent.click(screen.getByRole('button', { name: '确认截止报名' }));
    expect((await screen.findByRole('status')).textContent).toContain('竞赛状态已改为“报名截止”。');
    expect(writes(calls).map((call) => [call.path, call.body])).toEqual([
      [`${BASE}/status`, { status: 'registration_closed' }],
    ]);
    expect(statusButtons()).toEqual(['重新开放报名', '开始比赛']);
    expect(screen.getByRole('heading', { level: 1 }).parentElement?.textContent).toContain(
      '报名截止',
    );
  });

  it('lets the person think again, and shows a refused move', async () => {
    const { calls } = renderSetup(
      competitionSetup({ status: 'running', allowedTransitions: ['finished'] }),
      {
        [`POST ${BASE}/status`]: errorBody(
          409,
          'competition.status_transition',
          '竞赛状态不能从“进行中”直接改为“已结束”',
        ),
      },
    );
    await screen.findByTestId('status-actions');
    expect(statusButtons()).toEqual(['结束比赛']);

    await fireEvent.click(screen.getByRole('button', { name: '结束比赛' }));
    await fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(writes(calls)).toEqual([]);
    expect(statusButtons()).toEqual(['结束比赛']);

    await fireEvent.click(screen.getByRole('button', { name: '结束比赛' }));
    await fireEvent.click(screen.getByRole('button', { name: '确认结束比赛' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '竞赛状态不能从“进行中”直接改为“已结束”',
    );
    expect(writes(calls)[0]?.body).toEqual({ status: 'finished' });
  });

  it('offers nothing once the competition has finished', async () => {
    renderSetup(competitionSetup({ status: 'finished', allowedTransitions: [] }));
    expect(await screen.findByText('竞赛已结束，状态不能再更改。')).toBeTruthy();
    expect(screen.queryByTestId('status-actions')).toBeNull();
  });
});

describe('competition setup: settings, sectors and cloning', () => {
  beforeEach(() =>
    resetApp(`/competitions/${COMPETITION_ID}/setup`, sessionUser([grant('organiser')])),
  );

  it('shows and saves deadlines in Beijing time', async () => {
    const { calls } = renderSetup(
      competitionSetup({ registrationClosesAt: '2026-11-20T09:00:00.000Z' }),
      {
        [`PATCH ${BASE}`]: {
          body: competitionSetup({ registrationClosesAt: '2026-11-30T09:00:00.000Z' }),
        },
      },
    );
    const closes = (await screen.findByLabelText('报名截止时间')) as HTMLInputElement;
    expect(closes.value).toBe('2026-11-20T17:00');

    await type('报名截止时间', '2026-11-30T17:00');
    await type('结束日期', '2026-12-01');
    await fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(field('结束日期')).toBe('结束日期不能早于开始日期');
    expect(writes(calls)).toEqual([]);

    await type('结束日期', '2026-12-12');
    await fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect((await screen.findByRole('status')).textContent).toContain('基本信息已保存。');
    expect(writes(calls)[0]?.body).toEqual({
      name: '2026年吉林省“十百千”重大项目劳动和技能竞赛',
      year: 2026,
      startsOn: '2026-12-08',
      endsOn: '2026-12-12',
      registrationClosesAt: '2026-11-30T17:00:00+08:00',
      substitutionDeadline: null,
      description: '',
    });
  });

  it('adds a sector', async () => {
    const { calls } = renderSetup(competitionSetup(), {
      [`POST ${BASE}/sectors`]: {
        status: 201,
        body: competitionSetup({
          sectors: [
            { id: SECTOR_ID, name: '装备制造' },
            { id: NEW_EVENT_ID, name: '建筑施工' },
          ],
        }),
      },
    });
    const add = await screen.findByRole('button', { name: '添加' });
    await type('分组名称', '   ');
    await fireEvent.click(add);
    expect(field('分组名称')).toBe('此项为必填项');

    await type('分组名称', '建筑施工');
    await fireEvent.click(screen.getByRole('button', { name: '添加' }));
    const list = await screen.findByTestId('sector-list');
    await vi.waitFor(() => expect(within(list).getByText('建筑施工')).toBeTruthy());
    expect(writes(calls)[0]?.body).toEqual({ name: '建筑施工' });
    expect((screen.getByLabelText('分组名称') as HTMLInputElement).value).toBe('');
  });

  it('copies the competition for next year and opens the copy', async () => {
    const { calls } = renderSetup(competitionSetup(), {
      [`POST ${BASE}/clone`]: {
        status: 201,
        body: competitionSetup({ id: COPY_ID, status: 'draft', year: 2027 }),
      },
    });
    await fireEvent.click(await screen.findByRole('button', { name: '复制为新竞赛' }));
    const form = screen.getByRole('form', { name: '复制为新竞赛' });
    expect((within(form).getByLabelText('竞赛名称') as HTMLInputElement).value).toBe(
      '2027年吉林省“十百千”重大项目劳动和技能竞赛',
    );
    await fireEvent.click(within(form).getByRole('button', { name: '复制' }));

    await vi.waitFor(() => expect(router.path).toBe(`/competitions/${COPY_ID}/setup`));
    expect(writes(calls)[0]?.body).toEqual({
      name: '2027年吉林省“十百千”重大项目劳动和技能竞赛',
      year: 2027,
    });
  });

  it('shows why the setup cannot be opened', async () => {
    renderSetup(competitionSetup(), {
      [`GET ${BASE}/setup`]: errorBody(403, 'auth.forbidden', '您没有权限执行此操作'),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('您没有权限执行此操作');
  });
});

describe('competition setup: events', () => {
  beforeEach(() =>
    resetApp(`/competitions/${COMPETITION_ID}/setup`, sessionUser([grant('organiser')])),
  );

  it('adds a team event with its eligibility, after asking for what is missing', async () => {
    const { calls } = renderSetup(competitionSetup(), {
      [`POST ${BASE}/events`]: (call) => {
        const body = call.body as EventRequest;
        return {
          status: 201,
          body: eventView({ ...body, id: NEW_EVENT_ID, competitorCount: 0, rounds: [] }),
        };
      },
    });
    await fireEvent.click(await screen.findByRole('button', { name: '新增比赛项目' }));

    await type('项目名称', '焊工');
    await type('职业（工种）代码', '6-18-02-04');
    await choose('行业分组', SECTOR_ID);
    await choose('参赛形式', 'team');
    await type('每队最少人数', '2');
    await type('每队最多人数', '3');
    await type('名额（队）', '50');
    await type('每个企业限报', '2');
    await fireEvent.click(screen.getByLabelText('报名本项目的选手不得兼报其他项目'));
    await type('最小年龄（周岁）', '18');
    await type('最大年龄（周岁）', '45');
    await choose('性别组别', 'female');
    await choose('最低技能等级', '4');
    await choose('最高技能等级', '2');
    await fireEvent.click(screen.getByRole('button', { name: '添加项目' }));

    expect(field('年龄计算基准日')).toBe('设置年龄限制时须指定计算年龄的基准日期');
    expect(writes(calls)).toEqual([]);

    await type('年龄计算基准日', '2026-12-08');
    await fireEvent.click(screen.getByRole('button', { name: '添加项目' }));

    expect((await screen.findByRole('status')).textContent).toContain('已保存比赛项目“焊工”。');
    expect(writes(calls)[0]?.body).toEqual({
      name: '焊工',
      occupationCode: '6-18-02-04',
      sectorId: SECTOR_ID,
      kind: 'team',
      minTeamSize: 2,
      maxTeamSize: 3,
      capacity: 50,
      exclusive: true,
      quotaPerEnterprise: 2,
      quotaPerRegion: null,
      eligibility: {
        minAge: 18,
        maxAge: 45,
        ageReferenceDate: '2026-12-08',
        genderCategory: 'female',
        minSkillLevel: 4,
        maxSkillLevel: 2,
      },
    });

    const rows = screen.getAllByTestId('event-row');
    expect(rows).toHaveLength(2);
    const added = rows[1] as HTMLElement;
    expect(within(added).getByText('焊工')).toBeTruthy();
    expect(within(added).getByText('团体赛（每队 2–3 人）')).toBeTruthy();
    expect(within(added).getByText('18–45 周岁 · 女子组 · 四级至二级')).toBeTruthy();
    expect(within(added).getByText('不可兼报')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '添加项目' })).toBeNull();
  });

  it('refuses skill levels the wrong way round (五级 is the lowest)', async () => {
    const { calls } = renderSetup(competitionSetup());
    await fireEvent.click(await screen.findByRole('button', { name: '新增比赛项目' }));
    await type('项目名称', '电工');
    await choose('最低技能等级', '2');
    await choose('最高技能等级', '4');
    await fireEvent.click(screen.getByRole('button', { name: '添加项目' }));
    expect(field('最高技能等级')).toBe('最高等级不能低于最低等级');
    expect(writes(calls)).toEqual([]);
  });

  it('edits an event in place, sending every field', async () => {
    const { calls } = renderSetup(competitionSetup(), {
      [`PUT ${BASE}/events/${EVENT_ID}`]: (call) => ({
        body: eventView(call.body as Partial<EventRequest>),
      }),
    });
    const row = (await screen.findAllByTestId('event-row'))[0] as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: '编辑' }));
    expect((screen.getByLabelText('项目名称') as HTMLInputElement).value).toBe('数控车工');

    await type('名额（人）', '');
    await fireEvent.click(screen.getByRole('button', { name: '保存修改' }));
    expect((await screen.findByRole('status')).textContent).toContain('已保存比赛项目“数控车工”。');
    expect(writes(calls)[0]?.body).toMatchObject({
      name: '数控车工',
      occupationCode: '6-18-01-01',
      sectorId: SECTOR_ID,
      kind: 'individual',
      capacity: null,
    });
    expect(row.querySelector('td[data-label="名额"]')?.textContent?.trim()).toBe('不限');
  });
});

describe('competition setup: rounds, rubrics and sessions', () => {
  beforeEach(() =>
    resetApp(`/competitions/${COMPETITION_ID}/setup`, sessionUser([grant('organiser')])),
  );
  afterEach(() => vi.unstubAllEnvs());

  it('adds a round with its kind, level and promotion quota', async () => {
    const { calls } = renderSetup(competitionSetup({ events: [eventView({ rounds: [] })] }), {
      [`POST ${BASE}/events/${EVENT_ID}/rounds`]: {
        status: 201,
        body: eventView({
          rounds: [
            roundView({ name: '市级选拔', kind: 'preliminary', level: 'city', promotionQuota: 10 }),
          ],
        }),
      },
    });
    await openRounds();
    expect(screen.getByText('尚未设置轮次。')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: '新增轮次' }));
    await type('轮次名称', '市级选拔');
    await choose('类型', 'preliminary');
    await choose('级别', 'city');
    await type('晋级名额', '10');
    await fireEvent.click(screen.getByRole('button', { name: '添加轮次' }));

    const round = await screen.findByTestId('round');
    expect(within(round).getByText('第 1 轮')).toBeTruthy();
    expect(within(round).getByText('初赛')).toBeTruthy();
    expect(within(round).getByText('市级')).toBeTruthy();
    expect(within(round).getByText('每组晋级 10 人')).toBeTruthy();
    expect(writes(calls)[0]?.body).toEqual({
      name: '市级选拔',
      kind: 'preliminary',
      level: 'city',
      promotionQuota: 10,
    });
  });

  it('shows the scoring engine’s objections to a rubric by their place in the file', async () => {
    let attempts = 0;
    const { calls } = renderSetup(
      competitionSetup({ events: [eventView({ rounds: [roundView({ rubricVersion: 1 })] })] }),
      {
        [`PUT ${BASE}/rounds/${ROUND_ID}`]: () =>
          ++attempts === 1
            ? errorBody(400, 'request.invalid', '请求内容有误', {
                issues: [
                  {
                    path: 'rubric.modules[1].criteria[0].aspects[0].max',
                    message: '评分细则有误：max must be a positive number',
                  },
                  { path: 'rubric', message: '评分细则有误：module weights must add up to 1' },
                ],
              })
            : { body: eventView({ rounds: [roundView({ rubricVersion: 2 })] }) },
      },
    );
    await openRounds();
    const panel = screen.getByTestId('rubric-panel');
    expect(within(panel).getByText('当前为第 1 版')).toBeTruthy();

    await fireEvent.click(within(panel).getByRole('button', { name: '上传新版本' }));
    const rubric = { format: 'jingsai.rubric', version: 1, modules: [] };
    await type('评分细则 JSON（可直接粘贴）', JSON.stringify(rubric));
    await fireEvent.click(within(panel).getByRole('button', { name: '校验并保存' }));

    const issues = await within(panel).findByTestId('rubric-issues');
    expect(within(panel).getByRole('alert').textContent).toContain(
      '评分引擎未通过这份评分细则，共 2 处问题',
    );
    expect(
      within(issues)
        .getAllByRole('listitem')
        .map((item) => [
          item.querySelector('code')?.textContent,
          item.querySelector('span')?.textContent,
        ]),
    ).toEqual([
      ['modules[1].criteria[0].aspects[0].max', '评分细则有误：max must be a positive number'],
      ['（整份文件）', '评分细则有误：module weights must add up to 1'],
    ]);
    expect(writes(calls)[0]?.body).toEqual({
      name: '实操决赛',
      kind: 'practical',
      level: 'province',
      promotionQuota: null,
      rubric,
    });

    await fireEvent.click(within(panel).getByRole('button', { name: '校验并保存' }));
    expect((await within(panel).findByRole('status')).textContent).toContain(
      '评分细则已保存为第 2 版。',
    );
    expect(within(panel).getByText('当前为第 2 版')).toBeTruthy();
    expect(within(panel).queryByTestId('rubric-issues')).toBeNull();
  });

  it('reads a chosen rubric file and says when it is not JSON, without asking the server', async () => {
    const { calls } = renderSetup(competitionSetup());
    await openRounds();
    await fireEvent.click(screen.getByRole('button', { name: '上传评分细则' }));

    const file = new File(['{ "format": "jingsai.rubric", '], 'welding.json', {
      type: 'application/json',
    });
    const input = screen.getByLabelText('选择 JSON 文件') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file] });
    await fireEvent.change(input);

    expect(await screen.findByText('已读取：welding.json')).toBeTruthy();
    const json = screen.getByLabelText('评分细则 JSON（可直接粘贴）') as HTMLTextAreaElement;
    expect(json.value).toBe('{ "format": "jingsai.rubric", ');
    await fireEvent.click(screen.getByRole('button', { name: '校验并保存' }));
    expect(fieldError(json)).toMatch(/^不是有效的 JSON：/);
    expect(writes(calls)).toEqual([]);
  });

  it('lists sessions in Beijing time on a device set to another zone, and adds one in Beijing time', async () => {
    vi.stubEnv('TZ', 'America/Los_Angeles');
    expect(new Date('2026-12-08T16:00:00.000Z').getDate()).toBe(8); // the device is not in Beijing
    const sessions = [
      {
        id: '8d9e0f1a-dddd-4b5c-9d6e-7f8a9b0c1d2e',
        startsAt: '2026-12-08T16:00:00.000Z',
        endsAt: '2026-12-08T20:00:00.000Z',
        venue: '长春职业技术学院 实训楼B',
        stationCount: 30,
      },
      {
        id: '9e0f1a2b-eeee-4c6d-8e7f-8a9b0c1d2e3f',
        startsAt: '2026-12-08T00:30:00.000Z',
        endsAt: '2026-12-08T03:30:00.000Z',
        venue: '长春职业技术学院 实训楼A',
        stationCount: 40,
      },
    ];
    const { calls } = renderSetup(
      competitionSetup({ events: [eventView({ rounds: [roundView({ sessions })] })] }),
      {
        [`POST ${BASE}/rounds/${ROUND_ID}/sessions`]: { status: 201, body: eventView() },
      },
    );
    await openRounds();

    expect(screen.getByRole('columnheader', { name: '时间（北京时间）' })).toBeTruthy();
    expect(
      screen
        .getAllByTestId('session-row')
        .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim())),
    ).toEqual([
      ['2026年12月8日', '08:30–11:30', '长春职业技术学院 实训楼A', '40'],
      ['2026年12月9日', '00:00–04:00', '长春职业技术学院 实训楼B', '30'],
    ]);

    await fireEvent.click(screen.getByRole('button', { name: '新增场次' }));
    await type('开始时间', '2026-12-10T08:30');
    await type('结束时间', '2026-12-10T08:00');
    await type('场地', '吉林市技师学院');
    await type('工位数', '24');
    await fireEvent.click(screen.getByRole('button', { name: '添加场次' }));
    expect(field('结束时间')).toBe('结束时间须晚于开始时间');
    expect(writes(calls)).toEqual([]);

    await type('结束时间', '2026-12-10T12:00');
    await fireEvent.click(screen.getByRole('button', { name: '添加场次' }));
    await vi.waitFor(() => expect(writes(calls)).toHaveLength(1));
    expect(writes(calls)[0]?.body).toEqual({
      startsAt: '2026-12-10T08:30:00+08:00',
      endsAt: '2026-12-10T12:00:00+08:00',
      venue: '吉林市技师学院',
      stationCount: 24,
    });
  });
});
