import type { CompetitionOverview, CompetitionStandings, EventProgress } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, type RecordedCall } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import CompetitionLivePage from './CompetitionLivePage.svelte';

/** The overview socket: handlers by name; `scoreboard:watch` answered with the overview. */
const sockets = vi.hoisted(() => {
  class FakeSocket {
    handlers = new Map<string, (payload?: unknown) => void>();
    overview: unknown = null;
    on(name: string, handler: (payload?: unknown) => void) {
      this.handlers.set(name, handler);
      return this;
    }
    fire(name: string, payload?: unknown) {
      this.handlers.get(name)?.(payload);
    }
    async emitWithAck() {
      return { ok: true, overview: this.overview };
    }
    disconnect() {}
  }
  const opened: FakeSocket[] = [];
  return { opened, io: () => opened[opened.push(new FakeSocket()) - 1] };
});
vi.mock('socket.io-client', () => ({ io: sockets.io }));

const OTHER_EVENT = '1c2d3e4f-6666-4a5b-8c7d-9e0f1a2b3c99';
const PATH = `/api/v1/public/competitions/${COMPETITION_ID}/standings`;

const progress = (eventId: string, name: string, seq: number): EventProgress => ({
  eventId,
  name,
  phase: 'published',
  entries: 4,
  complete: 4,
  frozen: false,
  seq,
});

const overview: CompetitionOverview = {
  competitionId: COMPETITION_ID,
  name: '吉林省“十百千”劳动和技能竞赛',
  events: [progress(EVENT_ID, '数控车工', 3), progress(OTHER_EVENT, '焊工', 5)],
};

const tiers: CompetitionStandings['tiers'] = [
  { name: '一等奖', nameEn: 'First prize', level: 1, points: 5 },
  { name: '二等奖', nameEn: 'Second prize', level: 2, points: 3 },
];

const group = (awards: number[], entries = 2) => ({
  events: 1,
  entries,
  awards,
  totalAwards: awards[0]! + awards[1]!,
  teamScore: awards[0]! * 5 + awards[1]! * 3,
});

function standings(version: string, fawLeads: boolean): CompetitionStandings {
  const fawAwards = group(fawLeads ? [1, 0] : [0, 1]);
  const jihuaAwards = group(fawLeads ? [0, 1] : [1, 1]);
  const faw = { enterprise: '中国一汽', region: '长春市', ...fawAwards };
  const jihua = { enterprise: '吉林化纤', region: '吉林市', ...jihuaAwards };
  const ordered = fawLeads ? [faw, jihua] : [jihua, faw];
  return {
    competitionId: COMPETITION_ID,
    name: overview.name,
    view: 'public',
    version,
    provisional: false,
    tiers,
    events: overview.events.map(({ eventId, name, phase, frozen, seq }) => ({
      eventId,
      name,
      phase,
      frozen: eventId === OTHER_EVENT && frozen,
      seq,
      entries: 4,
      awards: 1,
    })),
    enterprises: [
      ...ordered.map((standing, index) => ({ ...standing, rank: index + 1 })),
      { rank: null, enterprise: null, region: null, ...group([0, 1], 3) },
    ],
    regions: [
      { region: '长春市', enterprises: 1, ...fawAwards },
      { region: '吉林市', enterprises: 1, ...jihuaAwards },
      { region: null, enterprises: 0, ...group([0, 1], 3) },
    ],
  };
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) =>
        cell.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    );

describe('competition live page: events, team standings, award tables', () => {
  let calls: RecordedCall[];
  let answers: CompetitionStandings[];

  beforeEach(() => {
    resetApp(`/live/competitions/${COMPETITION_ID}`);
    sockets.opened.length = 0;
    answers = [standings('v1', true), standings('v2', false)];
    let served = 0;
    ({ calls } = fakeApi({
      [`GET ${PATH}`]: () => ({ body: answers[Math.min(served++, answers.length - 1)] }),
    }));
  });

  async function open() {
    render(CompetitionLivePage, { props: { params: { id: COMPETITION_ID } } });
    const socket = sockets.opened[0]!;
    socket.overview = overview;
    socket.fire('connect');
    await screen.findByText('数控车工');
    return socket;
  }

  const standingsCalls = () => calls.filter((call) => call.path === PATH).length;

  it('fetches the tables only when a table is shown, and again (throttled) when a board moves', async () => {
    const socket = await open();
    expect(standingsCalls()).toBe(0);

    await fireEvent.click(screen.getByRole('tab', { name: '团体排名' }));
    const table = await screen.findByTestId('team-standings');
    expect(rowsOf(table)).toEqual([
      ['1', '中国一汽 长春市', '2', '1', '5'],
      ['2', '吉林化纤 吉林市', '2', '1', '3'],
      ['–', '未公开', '3', '1', '3'],
    ]);
    expect(screen.getByText(/一等奖 5、二等奖 3/)).toBeTruthy();

    // Two boards move at once: one fetch, not before the 2 s gap is over.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    vi.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      socket.fire('scoreboard:progress', {
        competitionId: COMPETITION_ID,
        ...progress(EVENT_ID, '数控车工', 4),
      });
      socket.fire('scoreboard:progress', {
        competitionId: COMPETITION_ID,
        ...progress(OTHER_EVENT, '焊工', 6),
      });
      await vi.advanceTimersByTimeAsync(500);
      expect(standingsCalls()).toBe(1);
      await vi.advanceTimersByTimeAsync(2000);
      expect(standingsCalls()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() =>
      expect(rowsOf(screen.getByTestId('team-standings'))[0]).toEqual([
        '1',
        '吉林化纤 吉林市',
        '2',
        '2',
        '8',
      ]),
    );
  });

  it('shows the award tables per region and per enterprise, tier by tier', async () => {
    await open();
    await fireEvent.click(screen.getByRole('tab', { name: '奖项统计（地区）' }));
    const regions = await screen.findByTestId('regions-awards');
    expect(
      within(regions)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent?.trim()),
    ).toEqual(['地区', '单位数', '一等奖', '二等奖', '获奖', '团体总分']);
    expect(rowsOf(regions)).toEqual([
      ['长春市', '1', '1', '0', '1', '5'],
      ['吉林市', '1', '0', '1', '1', '3'],
      ['未公开', '0', '0', '1', '1', '3'],
    ]);

    await fireEvent.click(screen.getByRole('tab', { name: '奖项统计（单位）' }));
    const enterprises = await screen.findByTestId('enterprises-awards');
    expect(rowsOf(enterprises).map((row) => row[0])).toEqual(['中国一汽', '吉林化纤', '未公开']);
    // Switching between tables does not ask again while nothing moved.
    expect(standingsCalls()).toBe(1);
  });
});
