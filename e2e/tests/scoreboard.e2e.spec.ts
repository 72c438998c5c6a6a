// The audience's side in Chromium: a phone watching an event's leaderboard sees a mark arrive
// live (the row moves to the top), and the big screen (1920×1080 and 4K) shows the board with
// stage mode; screenshots are kept under e2e/artifacts/.
//
// The API is the built app started through bench/scoreboard/api-node.js: standings come from a
// file this test writes (standing in for the judging module), changes go through the real
// outbox, feeds and socket.io gateway.
import type { EventStandings, StagePerformance, StandingRow } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, waitForText, withScreenshotOnFailure } from '../src';
import {
  createScratchDatabase,
  firstEvent,
  recordChange,
  removeDir,
  type ScoreboardNode,
  type ScratchDatabase,
  startScoreboardNode,
  stopProcess,
  writeStandings,
} from '../src/scoreboard';

function row(
  code: string,
  name: string,
  enterprise: string,
  total: string,
  rank: number,
): StandingRow {
  return {
    entryId: randomUUID(),
    code,
    name,
    enterprise,
    region: '长春市',
    stages: [],
    total,
    rank,
    award: rank === 1 ? '一等奖' : rank <= 3 ? '二等奖' : null,
    status: 'complete',
  };
}

describe('live scoreboard in the browser', () => {
  let simDir: string;
  let database: ScratchDatabase;
  let node: ScoreboardNode;
  let browser: Browser;
  let base: Omit<EventStandings, 'rows'>;
  let rows: StandingRow[];

  const revealed = (entry: StandingRow) => entry;
  const publish = async () => {
    await writeStandings(simDir, base, rows, revealed);
    await recordChange(database.url, base.eventId);
  };

  beforeAll(async () => {
    simDir = await mkdtemp(path.join(tmpdir(), 'jingsai-scoreboard-sim-'));
    database = await createScratchDatabase();
    node = await startScoreboardNode({ databaseUrl: database.url, simDir, seed: true });
    const event = await firstEvent(database.url);
    base = {
      competitionId: event.competitionId,
      eventId: event.eventId,
      eventName: event.name,
      phase: 'live',
      resultVersion: null,
      stage: null,
    };
    rows = [
      row('A01', '张伟', '中国一汽', '92.50', 1),
      row('A02', '王芳', '吉林化纤', '88.75', 2),
      row('A03', '李娜', '长春轨道客车', '86.00', 3),
      row('A04', '刘洋', '通化钢铁', '79.25', 4),
      row('A05', '陈静', '吉林石化', '75.50', 5),
    ];
    await publish();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (node) await stopProcess(node.child);
    await database?.drop();
    await removeDir(simDir);
  }, 60_000);

  it('moves a row live on a phone and shows the big screen at 1080p and 4K', async () => {
    const phone = await browser.newContext({
      baseURL: node.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await phone.newPage();
    await withScreenshotOnFailure(page, 'scoreboard-phone', async () => {
      await page.goto(`/live/events/${base.eventId}`);
      const first = page.locator('ol.board li[data-code]').first();
      await waitForText(first, (text) => text.includes('张伟'));

      // A mark lifts A05 to the top: the row moves (animate:flip) without a reload.
      rows = rows.map((entry) =>
        entry.code === 'A05'
          ? { ...entry, total: '95.25', rank: 1, award: '一等奖' }
          : { ...entry, rank: entry.rank! + 1, award: entry.rank! + 1 <= 3 ? '二等奖' : null },
      );
      await publish();
      await waitForText(first, (text) => text.includes('陈静') && text.includes('95.25'));
      expect(await page.locator('ol.board li[data-code]').count()).toBe(5);
      await page.waitForTimeout(1500); // let the rank animation finish before the picture
      await screenshot(page, 'scoreboard-phone-live');

      await page.getByRole('tab', { name: '奖项统计' }).click();
      await waitForText(page.locator('table.groups').first(), (text) => text.includes('长春市'));
    });
    await phone.close();

    // The big screen, with a performance on stage: judge 3's mark arrives while it is watched.
    const stage = (third: string | null): StagePerformance => ({
      entryId: rows.find((entry) => entry.code === 'A01')!.entryId,
      code: 'A01',
      name: '张伟',
      marks: [
        { seat: 1, value: '9.10', dropped: false },
        { seat: 2, value: '9.60', dropped: third !== null },
        { seat: 3, value: third, dropped: false },
        { seat: 4, value: '8.70', dropped: third !== null },
        { seat: 5, value: '9.20', dropped: false },
      ],
      score: third === null ? null : '9.17',
      rank: third === null ? null : 2,
    });
    base = { ...base, stage: stage(null) };
    await publish();

    const screen = await browser.newContext({
      baseURL: node.url,
      locale: 'zh-CN',
      viewport: { width: 1920, height: 1080 },
    });
    const big = await screen.newPage();
    await withScreenshotOnFailure(big, 'scoreboard-big-screen', async () => {
      await big.goto(`/screen/competitions/${base.competitionId}?events=${base.eventId}`);
      await waitForText(big.getByTestId('big-screen'), (text) => text.includes('陈静'));
      await waitForText(big.getByTestId('stage'), (text) => text.includes('待评'));
      base = { ...base, stage: stage('9.20') };
      await publish();
      await waitForText(big.getByTestId('stage-score'), (text) => text === '9.17');
      expect(await big.locator('[data-testid=stage] s').count()).toBe(2);
      await big.waitForTimeout(1500);
      await screenshot(big, 'scoreboard-big-screen-1920x1080');
      await big.setViewportSize({ width: 3840, height: 2160 });
      await big.waitForTimeout(500);
      await screenshot(big, 'scoreboard-big-screen-3840x2160');
    });
    await screen.close();
  }, 120_000);
});
