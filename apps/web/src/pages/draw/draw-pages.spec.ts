import type { CheckInCard, MyPlacement, RoundDrawView } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorBody, fakeApi } from '../../test/fetch';
import {
  COMPETITION_ID,
  competitionSetup,
  grant,
  REGISTRATION_ID,
  ROUND_ID,
  sessionUser,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import CheckInPage from './CheckInPage.svelte';
import DrawPage from './DrawPage.svelte';
import MySchedule from './MySchedule.svelte';

const SESSION = {
  id: '9d0e1f2a-dddd-4b4c-8d5e-6f708192a3b4',
  venue: '实训楼1号车间',
  startsAt: '2026-12-08T00:30:00.000Z',
  endsAt: '2026-12-08T03:30:00.000Z',
};
const ENTRY_ID = 'ae1f2a3b-eeee-4c5d-9e6f-708192a3b4c5';
const PERSON_ID = 'bf2a3b4c-ffff-4d6e-8f70-8192a3b4c5d6';
const DRAW_ID = 'c03b4c5d-0000-4e7f-9a81-92a3b4c5d6e7';

const base = `/api/v1/competitions/${COMPETITION_ID}/rounds/${ROUND_ID}`;

function drawView(overrides: Partial<RoundDrawView> = {}): RoundDrawView {
  return {
    roundId: ROUND_ID,
    roundName: '实操决赛',
    eventId: '1c2d3e4f-6666-4a5b-8c7d-9e0f1a2b3c4d',
    eventName: '数控车工',
    eventKind: 'individual',
    mappingVisible: true,
    canManage: true,
    capacity: 30,
    current: null,
    entryTotal: 0,
    history: [],
    entries: [],
    ...overrides,
  };
}

const drawn = drawView({
  current: {
    id: DRAW_ID,
    seed: '731502',
    digest: 'ab'.repeat(32),
    entryCount: 1,
    createdAt: '2026-11-21T02:00:00.000Z',
    supersededAt: null,
    revealedAt: null,
  },
  entryTotal: 1,
  entries: [
    {
      id: ENTRY_ID,
      anonymousCode: 'K7QX2M',
      session: SESSION,
      station: 4,
      attendance: 'expected',
      candidateNumber: '010003',
      name: '王建国',
      enterpriseName: '一汽集团',
    },
  ],
});

async function chooseRound(): Promise<void> {
  const select = (await screen.findByLabelText('轮次')) as HTMLSelectElement;
  await fireEvent.change(select, { target: { value: ROUND_ID } });
}

describe('draw page', () => {
  beforeEach(() =>
    resetApp(`/competitions/${COMPETITION_ID}/draw`, sessionUser([grant('organiser')])),
  );

  it('runs a draw with the seed read aloud and shows who got which number, code and station', async () => {
    const { calls } = fakeApi({
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: competitionSetup() },
      [`GET ${base}/draw`]: { body: drawView() },
      [`POST ${base}/draw`]: { body: drawn },
    });
    render(DrawPage, { params: { id: COMPETITION_ID } });
    await chooseRound();
    expect(await screen.findByTestId('not-drawn')).toBeTruthy();

    await fireEvent.input(screen.getByLabelText('种子（选填）'), { target: { value: ' 731502 ' } });
    await fireEvent.click(screen.getByTestId('run-draw'));

    expect(await screen.findByText('抽签完成：1 个参赛单位已分配。')).toBeTruthy();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ seed: '731502' });
    const table = screen.getByTestId('draw-entries');
    const cells = within(table)
      .getAllByRole('cell')
      .map((cell) => cell.textContent?.trim());
    expect(cells).toEqual([
      expect.stringContaining('实训楼1号车间'),
      '4',
      '010003',
      '王建国',
      '一汽集团',
      'K7QX2M',
      '未检录',
    ]);
    expect(screen.getByTestId('draw-seed').textContent).toBe('731502');
    expect(screen.getByRole('button', { name: '重新抽签' })).toBeTruthy();
  });

  it('shows a refused draw with the server message, and verification results', async () => {
    let verifyCalls = 0;
    fakeApi({
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: competitionSetup() },
      [`GET ${base}/draw`]: { body: drawn },
      [`POST ${base}/draw`]: errorBody(
        409,
        'draw.capacity_short',
        '工位不足：有 40 个参赛单位，但本轮次各场次共只有 30 个工位；请增加场次或工位',
      ),
      [`POST ${base}/draws/${DRAW_ID}/verify`]: () => ({
        body: {
          drawId: DRAW_ID,
          seed: '731502',
          recordedDigest: 'ab'.repeat(32),
          recomputedDigest: 'ab'.repeat(32),
          matches: ++verifyCalls === 1,
          storedMismatches: 0,
        },
      }),
    });
    render(DrawPage, { params: { id: COMPETITION_ID } });
    await chooseRound();
    await fireEvent.click(await screen.findByTestId('run-draw'));
    expect((await screen.findByRole('alert')).textContent).toContain('共只有 30 个工位');

    await fireEvent.click(screen.getByRole('button', { name: '复核' }));
    expect((await screen.findByTestId('verification')).textContent).toContain('复核一致');
    await fireEvent.click(screen.getByRole('button', { name: '复核' }));
    await screen.findByText(/复核不一致/);
  });

  it('hides names, numbers and stations when the mapping is not visible', async () => {
    fakeApi({
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: competitionSetup() },
      [`GET ${base}/draw`]: {
        body: {
          ...drawn,
          mappingVisible: false,
          canManage: false,
          entries: drawn.entries.map((entry) => ({
            ...entry,
            name: null,
            candidateNumber: null,
            enterpriseName: null,
            station: null,
          })),
        },
      },
    });
    render(DrawPage, { params: { id: COMPETITION_ID } });
    await chooseRound();
    const table = await screen.findByTestId('draw-entries');
    expect(within(table).queryByText('姓名')).toBeNull();
    expect(within(table).getByText('K7QX2M')).toBeTruthy();
    expect(screen.queryByTestId('run-draw')).toBeNull();
  });
});

describe('draw page paging', () => {
  beforeEach(() =>
    resetApp(`/competitions/${COMPETITION_ID}/draw`, sessionUser([grant('organiser')])),
  );

  it('pages through a large draw', async () => {
    const { calls } = fakeApi({
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: competitionSetup() },
      [`GET ${base}/draw`]: { body: { ...drawn, entryTotal: 450 } },
    });
    render(DrawPage, { params: { id: COMPETITION_ID } });
    await chooseRound();
    expect(await screen.findByText('第 1–1 条，共 450 条（完整名单请用名单导出）')).toBeTruthy();
    expect((screen.getByRole('button', { name: '上一页' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    expect(
      await screen.findByText('第 201–201 条，共 450 条（完整名单请用名单导出）'),
    ).toBeTruthy();
    expect(calls.at(-1)?.query.get('offset')).toBe('200');
  });
});

describe('check-in page', () => {
  beforeEach(() =>
    resetApp(`/competitions/${COMPETITION_ID}/check-in`, sessionUser([grant('organiser')])),
  );

  const card = (overrides: Partial<CheckInCard> = {}): CheckInCard => ({
    entryId: ENTRY_ID,
    roundId: ROUND_ID,
    eventName: '数控车工',
    roundName: '实操决赛',
    candidateNumber: '010003',
    teamName: null,
    people: [
      {
        personId: PERSON_ID,
        name: '王建国',
        enterpriseName: '一汽集团',
        documentType: 'resident_id',
        documentMasked: '220102********2318',
        hasPhoto: true,
      },
    ],
    session: SESSION,
    station: 4,
    attendance: 'expected',
    checkedInAt: null,
    ...overrides,
  });
  const progress = (present: number) => ({
    roundId: ROUND_ID,
    sessions: [{ session: SESSION, expected: 1 - present, present, absent: 0, total: 1 }],
  });

  it('finds a scanned number, shows photo and masked document, marks present and undoes', async () => {
    let present = 0;
    const { calls } = fakeApi({
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: competitionSetup() },
      [`GET ${base}/check-in/progress`]: () => ({ body: progress(present) }),
      [`GET ${base}/check-in`]: { body: card() },
      [`POST ${base}/entries/${ENTRY_ID}/attendance`]: (call) => {
        const attendance = (call.body as { attendance: 'present' | 'expected' }).attendance;
        present = attendance === 'present' ? 1 : 0;
        return { body: card({ attendance, checkedInAt: present ? '2026-12-08T00:20:00Z' : null }) };
      },
    });
    render(CheckInPage, { params: { id: COMPETITION_ID } });
    await chooseRound();
    const input = await screen.findByTestId('check-in-number');
    await fireEvent.input(input, { target: { value: '010003' } });
    await fireEvent.submit(input.closest('form')!);

    const shown = await screen.findByTestId('check-in-card');
    expect(calls.find((call) => call.path === `${base}/check-in`)?.query.get('number')).toBe(
      '010003',
    );
    expect(within(shown).getByText('220102********2318')).toBeTruthy();
    expect(within(shown).getByRole('img', { name: '王建国的照片' }).getAttribute('src')).toContain(
      `/api/v1/people/${PERSON_ID}/photo`,
    );
    expect(within(shown).getByText('工位 4', { exact: false })).toBeTruthy();

    await fireEvent.click(within(shown).getByTestId('mark-present'));
    expect(await within(shown).findByText('已到')).toBeTruthy();
    await waitFor(() => {
      const table = screen.getByTestId('check-in-progress');
      expect(
        within(table)
          .getAllByRole('cell')
          .map((cell) => cell.textContent)[1],
      ).toBe('1');
    });

    await fireEvent.click(within(shown).getByRole('button', { name: '撤销检录' }));
    expect(await within(shown).findByText('未检录')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.body)).toEqual([
      { attendance: 'present' },
      { attendance: 'expected' },
    ]);
  });

  it('says when no one has the number', async () => {
    fakeApi({
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: competitionSetup() },
      [`GET ${base}/check-in/progress`]: { body: progress(0) },
      [`GET ${base}/check-in`]: errorBody(
        404,
        'check_in.not_found',
        '本轮次没有参赛号为“999999”的参赛者',
      ),
    });
    render(CheckInPage, { params: { id: COMPETITION_ID } });
    await chooseRound();
    const input = await screen.findByTestId('check-in-number');
    await fireEvent.input(input, { target: { value: '999999' } });
    await fireEvent.submit(input.closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe(
      '本轮次没有参赛号为“999999”的参赛者',
    );
    expect(screen.queryByTestId('check-in-card')).toBeNull();
  });
});

describe('my schedule', () => {
  beforeEach(() => resetApp('/me/registrations', sessionUser([grant('competitor')])));

  it('shows the candidate number, time, venue and station once drawn', async () => {
    const placement: MyPlacement = {
      registrationId: REGISTRATION_ID,
      competitionId: COMPETITION_ID,
      eventName: '数控车工',
      roundName: '实操决赛',
      teamName: null,
      candidateNumber: '010003',
      anonymousCode: null,
      session: SESSION,
      station: 4,
      attendance: 'expected',
    };
    fakeApi({ 'GET /api/v1/me/placements': { body: [placement] } });
    render(MySchedule, { personId: null });
    const shown = await screen.findByTestId('my-placement');
    expect(within(shown).getByTestId('placement-number').textContent).toBe('010003');
    expect(within(shown).getByTestId('placement-station').textContent).toBe('4');
    expect(within(shown).getByText('实训楼1号车间')).toBeTruthy();
    expect(within(shown).getByText(/2026.*12.*8.*08:30/)).toBeTruthy();
    expect(within(shown).queryByText('加密号')).toBeNull();
  });

  it('says the draw is still to come', async () => {
    fakeApi({ 'GET /api/v1/me/placements': { body: [] } });
    render(MySchedule, { personId: null });
    expect(await screen.findByText(/尚未抽签/)).toBeTruthy();
  });
});
