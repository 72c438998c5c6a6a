// The competition page on a phone in Chromium: the enterprise standings (团体排名) and the award
// tables per region and per enterprise (奖项统计), built by the API from two events' public
// boards, follow a change on one board without a reload; the big screen rotates to the
// standings. Screenshots are kept under e2e/artifacts/.
//
// The API is the built app started through bench/scoreboard/api-node.js: standings come from
// files this test writes (standing in for the judging module), changes go through the real
// outbox, feeds and socket.io gateway.
import type { EventStandings, StandingRow } from '@jingsai/contracts';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, waitForText, withScreenshotOnFailure } from '../src';
import {
  createScratchDatabase,
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
  enterprise: string,
  region: string,
  rank: number,
  award: string | null,
): StandingRow {
  return {
    entryId: randomUUID(),
    code,
    name: `选手${code}`,
    enterprise,
    region,
    stages: [],
    total: String(100 - rank),
    rank,
    award,
    status: 'complete',
  };
}

async function demoEvents(
  databaseUrl: string,
): Promise<Array<{ eventId: string; competitionId: string; name: string }>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const result = await client.query<{ id: string; competition_id: string; name: string }>(
    'select id, competition_id, name from competition_event order by sort_order, name limit 2',
  );
  await client.end();
  return result.rows.map((event) => ({
    eventId: event.id,
    competitionId: event.competition_id,
    name: event.name,
  }));
}

describe('competition standings in the browser', () => {
  let simDir: string;
  let database: ScratchDatabase;
  let node: ScoreboardNode;
  let browser: Browser;
  let boards: Array<Omit<EventStandings, 'rows'>>;

  const publish = async (index: number, rows: StandingRow[]) => {
    await writeStandings(simDir, boards[index]!, rows, (entry) => entry);
    await recordChange(database.url, boards[index]!.eventId);
  };

  beforeAll(async () => {
    simDir = await mkdtemp(path.join(tmpdir(), 'jingsai-standings-sim-'));
    database = await createScratchDatabase();
    node = await startScoreboardNode({ databaseUrl: database.url, simDir, seed: true });
    boards = (await demoEvents(database.url)).map((event) => ({
      competitionId: event.competitionId,
      eventId: event.eventId,
      eventName: event.name,
      phase: 'published',
      resultVersion: 1,
      stage: null,
    }));
    await publish(0, [
      row('A01', '中国一汽', '长春市', 1, '一等奖'),
      row('A02', '吉林化纤', '吉林市', 2, '二等奖'),
      row('A03', '长春轨道客车', '长春市', 3, '二等奖'),
    ]);
    await publish(1, [
      row('B01', '吉林化纤', '吉林市', 1, '一等奖'),
      row('B02', '中国一汽', '长春市', 2, '二等奖'),
      row('B03', '通化钢铁', '通化市', 3, null),
    ]);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (node) await stopProcess(node.child);
    await database?.drop();
    await removeDir(simDir);
  }, 60_000);

  it('shows the team standings and award tables and follows a board live', async () => {
    const phone = await browser.newContext({
      baseURL: node.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await phone.newPage();
    await withScreenshotOnFailure(page, 'competition-standings-phone', async () => {
      await page.goto(`/live/competitions/${boards[0]!.competitionId}`);
      await page.getByRole('tab', { name: '团体排名' }).click();

      const table = page.getByTestId('team-standings');
      const rows = table.locator('tbody tr');
      // 一等奖 5 + 二等奖 3 each: 吉林化纤 and 中国一汽 share first place, listed by name.
      await waitForText(
        rows.first(),
        (text) => text.includes('吉林化纤') && text.includes('8'),
        20_000,
      );
      expect((await rows.nth(1).innerText()).replace(/\s+/g, ' ')).toContain('1 中国一汽');
      expect(await rows.count()).toBe(4);

      // A new result on the second board: 中国一汽 takes its 一等奖, no reload.
      await publish(1, [
        row('B02', '中国一汽', '长春市', 1, '一等奖'),
        row('B01', '吉林化纤', '吉林市', 2, '二等奖'),
        row('B03', '通化钢铁', '通化市', 3, null),
      ]);
      await waitForText(
        rows.first(),
        (text) => text.includes('中国一汽') && text.includes('10'),
        20_000,
      );
      await page.waitForTimeout(600); // the rank animation
      await screenshot(page, 'competition-standings-phone');

      await page.getByRole('tab', { name: '奖项统计（地区）' }).click();
      const regions = page.getByTestId('regions-awards');
      // 长春市: 中国一汽 (一等奖 ×2) and 长春轨道客车 (二等奖).
      await waitForText(regions.locator('tbody tr').first(), (text) =>
        /长春市\s+2\s+2\s+1\s+(0\s+)?3\s+13/.test(text),
      );
      await page.getByRole('tab', { name: '奖项统计（单位）' }).click();
      await waitForText(page.getByTestId('enterprises-awards'), (text) =>
        text.includes('长春轨道客车'),
      );
      expect(await page.getByTestId('enterprises-awards').innerText()).not.toContain('通化钢铁');
    });
    await phone.close();

    // The big screen with the standings in its rotation (after the first event's board).
    const screen = await browser.newContext({
      baseURL: node.url,
      locale: 'zh-CN',
      viewport: { width: 1920, height: 1080 },
    });
    const big = await screen.newPage();
    await withScreenshotOnFailure(big, 'competition-standings-big-screen', async () => {
      await big.goto(
        `/screen/competitions/${boards[0]!.competitionId}?events=${boards[0]!.eventId}&standings=1&interval=5`,
      );
      const standings = big.getByTestId('big-screen-standings');
      await waitForText(
        standings.locator('tbody tr').first(),
        (text) => text.includes('中国一汽') && text.includes('10'),
        20_000,
      );
      await big.waitForTimeout(800);
      await screenshot(big, 'competition-standings-big-screen-1920x1080');
    });
    await screen.close();
  }, 120_000);
});
