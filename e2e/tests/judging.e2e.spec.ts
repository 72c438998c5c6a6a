// A judge marks a sheet on the tablet, loses the network (Chromium set offline), keeps marking,
// comes back online: every mark reaches the server exactly once (checked through the API's
// sheet history, where each stored mark row appears). The judge corrects one mark with a
// reason and signs the sheet; the head judge locks it, verifies the round and publishes it.
//
// The head judge's desk follows the marks live: a mark entered while it is open shows within
// seconds (the staff scoreboard socket), long before its fallback poll. After publication the
// demo competitor appeals, and the demo arbitrator (仲裁组) decides it from their own screen.
//
// Data: the demo competition's first event and its drawn round (demo seed). The organiser gives
// the round a rubric, puts the demo judge on its panel and names the demo head judge, through the
// API as the setup screens would; the other entries are marked through the API so the round can
// be verified.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO_ORGANISER,
  launchBrowser,
  newPage,
  type RunningApp,
  screenshot,
  startApp,
  waitForText,
  withScreenshotOnFailure,
} from '../src';

const PASSWORD = DEMO_ORGANISER.password;
const JUDGE = { username: 'demo.judge', password: PASSWORD };
const HEAD_JUDGE = { username: 'demo.headjudge', password: PASSWORD };
const ARBITRATOR = { username: 'demo.arbitrator', password: PASSWORD };
const COMPETITOR = { username: 'demo.competitor', password: PASSWORD };

/** One judge per entry, so one judge's sheet completes it; each aspect entered differently. */
const RUBRIC = {
  format: 'jingsai.rubric',
  version: 1,
  id: 'e2e-cnc-practical',
  revision: 'e2e',
  name: { zh: '数控车工实操（测试）', en: 'CNC turning practical (test)' },
  total: { round: { decimals: 2, mode: 'half_up' } },
  modules: [
    {
      id: 'practical',
      name: { zh: '实操', en: 'Practical' },
      criteria: [
        {
          id: 'workpiece',
          name: { zh: '工件', en: 'Workpiece' },
          aspects: [
            {
              id: 'finish',
              name: { zh: '表面质量', en: 'Surface finish' },
              kind: 'judgement',
              max: 10,
              scale: { min: 0, top: 3, step: 1 },
              valuation: 'share_of_max',
              panel: { method: 'mean', judges: 1 },
            },
            {
              id: 'thread',
              name: { zh: '螺纹规', en: 'Thread gauge' },
              kind: 'measurement',
              max: 5,
              rule: { type: 'pass_fail' },
              panel: { method: 'single', judges: 1 },
            },
            {
              id: 'diameter',
              name: { zh: '直径 25.00 ± 0.02', en: 'Diameter' },
              kind: 'measurement',
              max: 5,
              rule: { type: 'all_or_nothing', lower: '24.98', upper: '25.02' },
              panel: { method: 'single', judges: 1 },
            },
            {
              id: 'safety',
              name: { zh: '安全扣分', en: 'Safety' },
              kind: 'deduction',
              perOccurrence: 2,
              cap: 6,
              panel: { method: 'single', judges: 1 },
            },
          ],
        },
      ],
    },
  ],
  awards: { tiers: [{ id: 'gold', name: { zh: '金奖', en: 'Gold' }, count: 1 }] },
};

/** A signed-in API caller (cookie kept from the login answer). */
class Caller {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
    readonly id: string,
    readonly displayName: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<Caller> {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
    const cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const me = (await response.json()) as { id: string; displayName: string };
    return new Caller(base, cookie, me.id, me.displayName);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        Cookie: this.cookie,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

interface QueueSheet {
  sheetId: string;
  entry: { anonymousCode: string | null; attendance: string };
  status: string;
}
interface QueueRound {
  roundId: string;
  sheets: QueueSheet[];
}
interface SheetView {
  sheetId: string;
  status: string;
  judgeName: string;
  marks: { aspectId: string; value: string; reason: string | null }[];
  history: { kind: 'mark' | 'status'; what: string; value: string | null; reason: string | null }[];
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

const aspect = (page: Page, id: string) => page.locator(`[data-aspect="${id}"]`);
const stateOf = (page: Page, id: string) =>
  aspect(page, id).locator('[data-testid="mark-state"]').getAttribute('data-state');

async function waitForState(page: Page, id: string, state: string): Promise<void> {
  await waitForText(aspect(page, id).locator('[data-testid="mark-state"]'), () => true, 1000);
  const deadline = Date.now() + 20_000;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = await stateOf(page, id);
    if (seen === state) return;
    await page.waitForTimeout(150);
  }
  throw new Error(`aspect ${id} never became "${state}" (last: "${seen}")`);
}

const pendingCount = (page: Page) => page.locator('[data-testid="pending-count"]');

/** Buttons and fields of the sheet smaller than 44 × 44 px. */
function smallTouchTargets(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="aspect"] button, [data-testid="aspect"] input, .dock button')
    .evaluateAll((elements) =>
      elements
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ element, box }) => `${element.textContent?.trim()} ${box.width}×${box.height}`),
    );
}

describe('judging on the tablet, offline and back, then the head judge publishes', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startApp();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('delivers every mark exactly once and publishes the round', async () => {
    // ---- setup through the API, as the organiser's screens would
    const organiser = await Caller.login(app.url, DEMO_ORGANISER.username, PASSWORD);
    const judgeApi = await Caller.login(app.url, JUDGE.username, JUDGE.password);
    const headApi = await Caller.login(app.url, HEAD_JUDGE.username, HEAD_JUDGE.password);
    const competitions = await organiser.call<{ id: string; name: string }[]>(
      'GET',
      '/competitions',
    );
    const competition = competitions.find((c) => c.name.includes('十百千'));
    if (!competition) throw new Error('the demo competition is missing');
    const setup = await organiser.call<{
      events: {
        id: string;
        name: string;
        rounds: { id: string; name: string; kind: string; sessions: unknown[] }[];
      }[];
    }>('GET', `/competitions/${competition.id}/setup`);
    const event = setup.events.find((candidate) =>
      candidate.rounds.some((r) => r.sessions.length > 0),
    );
    const round = event?.rounds.find((r) => r.sessions.length > 0);
    if (!event || !round) throw new Error('the demo round with a draw is missing');
    await organiser.call('PUT', `/competitions/${competition.id}/rounds/${round.id}`, {
      name: round.name,
      kind: round.kind,
      rubric: RUBRIC,
    });
    await organiser.call('PUT', `/judging/rounds/${round.id}/panel`, {
      assignments: [{ judgeUserId: judgeApi.id, seat: 1 }],
    });
    await organiser.call('PUT', `/judging/events/${event.id}/head-judge`, { userId: headApi.id });

    const queue = await judgeApi.call<{ rounds: QueueRound[] }>('GET', '/judging/me/queue');
    const sheets = queue.rounds.find((r) => r.roundId === round.id)?.sheets ?? [];
    expect(sheets.length).toBeGreaterThan(0);
    const target = sheets[0]!;
    const code = target.entry.anonymousCode ?? '';

    // ---- the judge's tablet (10" landscape)
    const { context, page } = await newPage(browser, app.url);
    await page.setViewportSize({ width: 1280, height: 800 });
    await withScreenshotOnFailure(page, 'judging-tablet', async () => {
      await signIn(page, JUDGE.username, JUDGE.password);
      await page.goto('/judging');
      await page.locator(`[data-testid="queue-sheet"][data-code="${code}"]`).click();
      await waitForText(page.locator('[data-testid="sheet-code"]'), (text) => text.includes(code));

      await aspect(page, 'finish').getByRole('button', { name: '2', exact: true }).click();
      await waitForState(page, 'finish', 'saved');

      // Touch targets of at least 44 px, in landscape and in portrait.
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 800, height: 1280 },
      ]) {
        await page.setViewportSize(viewport);
        expect(await smallTouchTargets(page)).toEqual([]);
      }
      await screenshot(page, 'judging-sheet-portrait');
      await page.setViewportSize({ width: 1280, height: 800 });

      // The venue Wi-Fi drops: marks wait on the device.
      await context.setOffline(true);
      await page.locator('[data-testid="offline-notice"]').waitFor();
      await aspect(page, 'thread').getByRole('button', { name: '1 合格', exact: true }).click();
      await aspect(page, 'diameter').locator('input').fill('25.01');
      await aspect(page, 'diameter').getByRole('button', { name: '保存' }).click();
      await waitForText(pendingCount(page), (text) => text === '2 条待发送');
      for (const id of ['thread', 'diameter']) expect(await stateOf(page, id)).toBe('pending');
      await screenshot(page, 'judging-offline-pending');

      // Back online: the outbox empties by itself.
      await context.setOffline(false);
      await waitForText(pendingCount(page), (text) => text === '全部已保存');
      for (const id of ['finish', 'thread', 'diameter']) await waitForState(page, id, 'saved');

      // Offline again; then the network returns but the API still cannot be reached (a captive
      // venue Wi-Fi) and the tablet is reloaded: the mark survives in IndexedDB, still waiting.
      await context.setOffline(true);
      await aspect(page, 'safety').getByRole('button', { name: '增加一次' }).click();
      await aspect(page, 'safety').getByRole('button', { name: '保存' }).click();
      await waitForText(pendingCount(page), (text) => text === '1 条待发送');
      await page.route('**/api/v1/judging/marks', (route) => route.abort('internetdisconnected'));
      await context.setOffline(false);
      await page.reload();
      await waitForText(page.locator('[data-testid="sheet-code"]'), (text) => text.includes(code));
      await waitForText(pendingCount(page), (text) => text === '1 条待发送');
      await waitForState(page, 'safety', 'pending');

      // The API is reachable again: "send now" empties the outbox without waiting out the backoff.
      await page.unroute('**/api/v1/judging/marks');
      await page.getByRole('button', { name: '立即发送' }).click();
      await waitForText(pendingCount(page), (text) => text === '全部已保存');
      for (const id of ['finish', 'thread', 'diameter', 'safety'])
        await waitForState(page, id, 'saved');

      // A correction asks for a reason.
      await aspect(page, 'finish').getByRole('button', { name: '3', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: '复核后更正' }).click();
      await dialog.getByRole('button', { name: '确认修改' }).click();
      await waitForState(page, 'finish', 'saved');

      // Submit and sign.
      await page.getByRole('button', { name: '提交评分表' }).click();
      const submit = page.locator('[data-testid="submit-dialog"]');
      await submit.getByRole('button', { name: '下一步：签名' }).click();
      await submit.locator('input[name="signature"]').fill(judgeApi.displayName);
      await submit.getByRole('button', { name: '签名并提交' }).click();
      await page.getByText('评分表已提交。').waitFor();
      await screenshot(page, 'judging-sheet-submitted');
    });
    await context.close();

    // ---- exactly once: the sheet's history has one row per mark entered, no more
    const stored = await headApi.call<SheetView>('GET', `/judging/sheets/${target.sheetId}`);
    const markRows = stored.history.filter((item) => item.kind === 'mark');
    expect(markRows.map((item) => `${item.what}=${item.value}`).sort()).toEqual(
      ['diameter=25.01', 'finish=2', 'finish=3', 'safety=1', 'thread=1'].sort(),
    );
    expect(Object.fromEntries(stored.marks.map((mark) => [mark.aspectId, mark.value]))).toEqual({
      finish: '3',
      thread: '1',
      diameter: '25.01',
      safety: '1',
    });
    expect(stored.marks.find((mark) => mark.aspectId === 'finish')?.reason).toBe('复核后更正');
    expect(stored.status).toBe('submitted');

    // ---- the head judge's desk, open while the other entries are marked and submitted through
    // the API (so the round can be verified): it shows a mark within seconds, not at its poll
    const head = await newPage(browser, app.url);
    let liveMs = Number.NaN;
    await withScreenshotOnFailure(head.page, 'judging-head-judge', async () => {
      const hp = head.page;
      await signIn(hp, HEAD_JUDGE.username, HEAD_JUDGE.password);
      await hp.goto(`/judging/rounds/${round.id}`);
      await hp.locator('[data-testid="review-updated"][data-live="true"]').waitFor();

      for (const sheet of sheets.slice(1)) {
        const view = await judgeApi.call<SheetView>('GET', `/judging/sheets/${sheet.sheetId}`);
        if (view.status !== 'open' && view.status !== 'reopened') continue;
        const progress = hp
          .locator(`[data-testid="review-row"][data-code="${sheet.entry.anonymousCode ?? ''}"]`)
          .locator('[data-testid="review-sheet-progress"]');
        const watch = Number.isNaN(liveMs) && sheet.entry.attendance !== 'absent';
        if (watch) await waitForText(progress, (text) => text === '0/3');
        const sentAt = Date.now();
        await judgeApi.call('POST', '/judging/marks', {
          deviceId: 'e2e-api',
          marks: [
            ['finish', '1'],
            ['thread', '0'],
            ['diameter', '24.5'],
            ['safety', '0'],
          ].map(([aspectId, value]) => ({
            key: randomUUID(),
            sheetId: sheet.sheetId,
            aspectId,
            value,
          })),
        });
        if (watch) {
          // required aspects only: the deduction does not count (no "4/3")
          await waitForText(progress, (text) => text === '3/3', 3000);
          liveMs = Date.now() - sentAt;
        }
        await judgeApi.call('POST', `/judging/sheets/${sheet.sheetId}/submit`, {
          key: randomUUID(),
          signature: view.judgeName,
          deviceId: 'e2e-api',
        });
      }
      expect(liveMs).toBeLessThan(3000);
      console.log(`head judge desk showed a mark ${liveMs} ms after it was sent`);

      // ---- lock the tablet's sheet, verify, publish
      const row = hp.locator(`[data-testid="review-row"][data-code="${code}"]`);
      await waitForText(
        row.locator('[data-testid="review-sheet-status"]'),
        (text) => text === '已提交',
      );
      await row.locator('[data-testid="lock-sheet"]').click();
      await hp.getByRole('dialog').locator('textarea').fill('成绩已核对');
      await hp.getByRole('dialog').getByRole('button', { name: '锁定' }).click();
      await waitForText(
        row.locator('[data-testid="review-sheet-status"]'),
        (text) => text === '已锁定',
      );

      await hp.getByRole('button', { name: '审核通过' }).click();
      await hp.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
      await waitForText(hp.locator('[data-testid="round-phase"]'), (text) =>
        text.includes('已审核'),
      );

      await hp.getByRole('button', { name: '发布成绩' }).click();
      await hp.getByRole('dialog').getByRole('button', { name: '发布成绩' }).click();
      await hp.getByText('已发布第 1 版成绩。').waitFor();
      await waitForText(hp.locator('[data-testid="round-phase"]'), (text) =>
        text.includes('已发布'),
      );
      await screenshot(hp, 'judging-published');
    });
    await head.context.close();

    const locked = await headApi.call<SheetView>('GET', `/judging/sheets/${target.sheetId}`);
    expect(locked.status).toBe('locked');
    const published = await fetch(`${app.url}/api/v1/judging/rounds/${round.id}/results`);
    expect(((await published.json()) as { version: number }[]).map((v) => v.version)).toEqual([1]);

    // ---- the competitor appeals their result (their own entry is the one the API accepts)
    const competitorApi = await Caller.login(app.url, COMPETITOR.username, COMPETITOR.password);
    const version = await competitorApi.call<{ rows: { entryId: string }[] }>(
      'GET',
      `/judging/rounds/${round.id}/results/1`,
    );
    let appealId: string | null = null;
    for (const row of version.rows) {
      const filed = await competitorApi
        .call<{ id: string }>('POST', `/judging/rounds/${round.id}/appeals`, {
          entryId: row.entryId,
          reason: '表面质量评分偏低，请复核',
        })
        .catch(() => null);
      if (filed) {
        appealId = filed.id;
        break;
      }
    }
    if (!appealId) throw new Error('the demo competitor could not appeal any entry');

    // ---- the arbitration group reviews it on its own screen, asks for a re-mark and decides
    const arbitration = await newPage(browser, app.url);
    await withScreenshotOnFailure(arbitration.page, 'judging-arbitrator', async () => {
      const ap = arbitration.page;
      await signIn(ap, ARBITRATOR.username, ARBITRATOR.password);
      await ap.getByRole('link', { name: '申诉仲裁' }).click();
      await ap.locator('[data-testid="appeal"] [data-testid="appeal-case"]').first().click();
      const sheetRow = ap.locator('[data-testid="case-sheet"]').first();
      await sheetRow.waitFor();
      await sheetRow.locator('[data-testid="case-remark"]').click();
      await ap.getByRole('dialog').locator('textarea').fill('仲裁组：请复核表面质量');
      await ap.getByRole('dialog').getByRole('button', { name: '要求重评' }).click();
      await ap.locator('[data-testid="case-notice"]').waitFor();
      await waitForText(sheetRow, (text) => text.includes('重新评分'));

      const appeal = ap.locator('[data-testid="appeal"]');
      await appeal.getByRole('button', { name: '作出决定' }).click();
      await appeal.locator('textarea').fill('复核后维持原评分');
      await appeal.getByRole('button', { name: '作出决定' }).click();
      await waitForText(appeal.locator('[data-testid="appeal-status"]'), (text) => text === '驳回');
      await waitForText(
        appeal.locator('[data-testid="appeal-decided-as"]'),
        (text) => text === '仲裁组',
      );
      await screenshot(ap, 'judging-arbitration');
    });
    await arbitration.context.close();
    const appeals = await headApi.call<{ id: string; status: string; decidedAs: string }[]>(
      'GET',
      `/judging/rounds/${round.id}/appeals`,
    );
    expect(appeals.find((item) => item.id === appealId)).toMatchObject({
      status: 'rejected',
      decidedAs: 'arbitrator',
    });
  });
});
