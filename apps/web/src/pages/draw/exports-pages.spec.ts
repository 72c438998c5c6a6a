import type { ExportSheet } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBody, fakeApi } from '../../test/fetch';
import {
  COMPETITION_ID,
  competitionSetup,
  eventView,
  grant,
  ROUND_ID,
  roundView,
  sessionUser,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import ExportsPage from './ExportsPage.svelte';
import PrintSheetPage from './PrintSheetPage.svelte';

const SESSIONS = [
  {
    id: '9d0e1f2a-dddd-4b4c-8d5e-6f708192a3b4',
    venue: '实训楼1号车间',
    startsAt: '2026-12-08T00:30:00.000Z',
    endsAt: '2026-12-08T03:30:00.000Z',
    stationCount: 2,
  },
  {
    id: '9d0e1f2a-eeee-4b4c-8d5e-6f708192a3b5',
    venue: '实训楼2号车间',
    startsAt: '2026-12-08T05:30:00.000Z',
    endsAt: '2026-12-08T08:30:00.000Z',
    stationCount: 2,
  },
];

const setup = () =>
  competitionSetup({ events: [eventView({ rounds: [roundView({ sessions: SESSIONS })] })] });

describe('exports page', () => {
  beforeEach(() =>
    resetApp(`/competitions/${COMPETITION_ID}/exports`, sessionUser([grant('organiser')])),
  );

  it('downloads each list for one session, the full roster only when asked', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    const base = `/api/v1/competitions/${COMPETITION_ID}/rounds/${ROUND_ID}/exports`;
    const { calls } = fakeApi({
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: setup() },
      [`GET ${base}/roster/xlsx`]: { body: 'xlsx-bytes' },
      [`GET ${base}/sign-in/xlsx`]: errorBody(409, 'draw.not_drawn', '本轮次尚未抽签'),
    });
    render(ExportsPage, { params: { id: COMPETITION_ID } });
    await fireEvent.change(await screen.findByLabelText('轮次'), { target: { value: ROUND_ID } });
    await fireEvent.change(screen.getByLabelText('场次'), { target: { value: SESSIONS[1]!.id } });
    await fireEvent.click(screen.getByLabelText('花名册显示完整证件号和手机号'));

    await fireEvent.click(screen.getByTestId('xlsx-roster'));
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalledTimes(1));
    const roster = calls.find((call) => call.path === `${base}/roster/xlsx`)!;
    expect(Object.fromEntries(roster.query)).toEqual({ sessionId: SESSIONS[1]!.id, full: 'true' });

    // Never the full documents on a sign-in sheet; a refusal is shown on the page.
    await fireEvent.click(screen.getByTestId('xlsx-sign-in'));
    expect((await screen.findByRole('alert')).textContent).toContain('本轮次尚未抽签');
    const signIn = calls.find((call) => call.path === `${base}/sign-in/xlsx`)!;
    expect(Object.fromEntries(signIn.query)).toEqual({ sessionId: SESSIONS[1]!.id });

    expect(screen.getByTestId('print-stations').getAttribute('href')).toBe(
      `/competitions/${COMPETITION_ID}/rounds/${ROUND_ID}/print/stations?session=${SESSIONS[1]!.id}`,
    );
  });
});

describe('printable sheet', () => {
  it('prints one table per session with a signature column', async () => {
    resetApp(
      `/competitions/${COMPETITION_ID}/rounds/${ROUND_ID}/print/sign-in`,
      sessionUser([grant('organiser')]),
    );
    const row = (name: string, station: number, candidateNumber: string) => ({
      candidateNumber,
      teamName: null,
      name,
      gender: 'male' as const,
      enterpriseName: '一汽集团',
      region: '长春市',
      documentType: 'resident_id',
      documentNumber: '220102********2318',
      mobile: '138****0001',
      station,
    });
    const sheet: ExportSheet = {
      kind: 'sign-in',
      competitionName: '2026年吉林省“十百千”竞赛',
      eventName: '数控车工',
      roundName: '实操决赛',
      full: false,
      sessions: [
        { session: SESSIONS[0]!, rows: [row('王建国', 2, '010001'), row('张伟', 1, '010002')] },
        { session: SESSIONS[1]!, rows: [row('刘洋', 1, '010003')] },
      ],
    };
    const { calls } = fakeApi({
      [`GET /api/v1/competitions/${COMPETITION_ID}/setup`]: { body: setup() },
      [`GET /api/v1/competitions/${COMPETITION_ID}/rounds/${ROUND_ID}/exports/sign-in`]: {
        body: sheet,
      },
    });
    render(PrintSheetPage, { params: { id: COMPETITION_ID, roundId: ROUND_ID, kind: 'sign-in' } });
    const sections = await screen.findAllByTestId('print-session');
    expect(sections).toHaveLength(2);
    const headers = within(sections[0]!)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual(['序号', '参赛号', '姓名', '工作单位', '证件号码', '工位', '签名']);
    const firstRow = within(sections[0]!).getAllByRole('row')[1]!.querySelectorAll('td');
    expect([...firstRow].map((cell) => cell.textContent)).toEqual([
      '1',
      '010001',
      '王建国',
      '一汽集团',
      '220102********2318',
      '2',
      '',
    ]);
    expect(within(sections[1]!).getByText('第 2 场', { exact: false })).toBeTruthy();
    expect(calls.some((call) => call.path.endsWith('/exports/sign-in'))).toBe(true);
  });
});
