// A worker registers themself on the public page for the demo competition, signs in and sees the
// registration submitted; the demo organiser approves it in the registrations console; the
// worker then sees it approved, with the candidate number still to come from the draw; the
// organiser runs the draw of the event's round again; the worker now sees their candidate
// number, session and station; at the check-in desk the organiser scans the number and marks the
// worker present.
import type { Browser, Locator, Page } from 'playwright-core';
import {
  DEMO_ORGANISER,
  launchBrowser,
  newPage,
  randomDigits,
  residentId,
  type RunningApp,
  screenshot,
  startApp,
  waitForText,
  withScreenshotOnFailure,
} from '../src';

const ORGANISER = DEMO_ORGANISER;
const COMPETITION = '十百千';
const EVENT = '数控车工';
const ENTERPRISE = '中国第一汽车集团有限公司';

/** Chooses the option of a <select> whose text contains `text`. */
async function selectByText(select: Locator, text: string): Promise<void> {
  const options = await select.locator('option').evaluateAll((nodes) =>
    nodes.map((node) => ({
      value: (node as unknown as { value: string }).value,
      label: (node.textContent ?? '').trim(),
    })),
  );
  const match = options.find((option) => option.label.includes(text));
  if (!match) {
    throw new Error(`no option with "${text}": ${options.map((o) => o.label).join(', ')}`);
  }
  await select.selectOption(match.value);
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

/** Polls an element's text until it satisfies `accept`; returns that text. */

describe('self-registration and review', () => {
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

  it('a worker registers, is approved and drawn, sees their number and is checked in', async () => {
    const worker = {
      name: '赵志刚',
      id: residentId(`22010219880415${randomDigits(2)}3`), // odd 17th digit: male
      mobile: `139${randomDigits(8)}`,
      username: `zhao.zhigang.${randomDigits(4)}`,
      password: 'Worker2026pass',
    };
    const workerSide = await newPage(browser, app.url);
    const organiserSide = await newPage(browser, app.url);
    const page = workerSide.page;
    let candidateNumber = '';
    const admin = organiserSide.page;
    try {
      await withScreenshotOnFailure(page, 'registration-worker-form', async () => {
        await page.goto('/login');
        await page.locator('[data-testid="register-link"]').click();
        await page.locator('select[name="eventId"]').waitFor();
        expect(new URL(page.url()).pathname).toBe('/register');

        await selectByText(page.locator('select[name="competitionId"]'), COMPETITION);
        await selectByText(page.locator('select[name="eventId"]'), EVENT);
        await page.locator('input[name="name"]').fill(worker.name);
        await page.locator('input[name="documentNumber"]').fill(worker.id);
        // The ID is read as it is typed: birth date and gender appear under it.
        await waitForText(page.locator('#field-documentNumber-hint'), (text) =>
          text.includes('1988-04-15'),
        );
        await page.locator('input[name="mobile"]').fill(worker.mobile);
        await selectByText(page.locator('select[name="skillLevel"]'), '三级');
        const search = page.locator('input[name="enterpriseSearch"]');
        if ((await search.count()) > 0) await search.fill('第一汽车');
        await selectByText(page.locator('select[name="enterpriseId"]'), ENTERPRISE);
        await page.locator('input[name="username"]').fill(worker.username);
        await page.locator('input[name="password"]').fill(worker.password);
        await page.locator('input[name="confirm"]').fill(worker.password);
        await screenshot(page, 'registration-form-filled');
        await page.locator('button[type="submit"]').click();

        const done = page.locator('[data-testid="registration-submitted"]');
        await done.waitFor();
        expect(await done.innerText()).toContain('报名已提交，等待审核');
        await screenshot(page, 'registration-submitted');
      });

      await withScreenshotOnFailure(page, 'registration-worker-submitted', async () => {
        await page.locator('[data-testid="registration-submitted"] a').click();
        await signIn(page, worker.username, worker.password);
        const entry = page.locator('[data-testid="my-registration"]').filter({ hasText: EVENT });
        await entry.waitFor();
        expect(new URL(page.url()).pathname).toBe('/me/registrations');
        expect(
          (await entry.locator('[data-testid="registration-status"]').innerText()).trim(),
        ).toBe('已提交');
        expect((await entry.locator('[data-testid="candidate-number"]').innerText()).trim()).toBe(
          '待抽签分配',
        );
        await screenshot(page, 'my-registrations-submitted');
      });

      await withScreenshotOnFailure(admin, 'registration-organiser-approves', async () => {
        await admin.goto('/login');
        await signIn(admin, ORGANISER.username, ORGANISER.password);
        const card = admin
          .locator('[data-testid="competition-card"]')
          .filter({ hasText: COMPETITION })
          .first();
        await card.waitFor();
        await admin
          .locator('li', { has: card })
          .locator('[data-testid="competition-registrations-link"]')
          .click();
        await admin.locator('input[name="q"]').fill(worker.name);
        await admin.getByRole('button', { name: '搜索', exact: true }).click();
        const row = admin
          .locator('[data-testid="registration-row"]')
          .filter({ hasText: worker.name });
        await row.waitFor();
        // Organisers see the whole document number.
        expect(await row.innerText()).toContain(worker.id);
        expect(await row.locator('[data-testid="registration-status"]').innerText()).toBe('已提交');
        await screenshot(admin, 'registrations-console');

        await row.getByRole('button', { name: `通过 ${worker.name}` }).click();
        const dialog = admin.getByRole('dialog');
        await dialog.waitFor();
        await screenshot(admin, 'registrations-approve-confirm');
        await dialog.getByRole('button', { name: '通过', exact: true }).click();
        await admin.getByText(`${worker.name}：已通过`).waitFor();
        await waitForText(row.locator('[data-testid="registration-status"]'), (text) =>
          text.includes('已通过'),
        );
        await screenshot(admin, 'registrations-approved');
      });

      await withScreenshotOnFailure(page, 'registration-worker-approved', async () => {
        await page.reload();
        const entry = page.locator('[data-testid="my-registration"]').filter({ hasText: EVENT });
        await waitForText(entry.locator('[data-testid="registration-status"]'), (text) =>
          text.includes('已通过'),
        );
        // Candidate numbers come from the draw, which has not included this worker yet.
        expect((await entry.locator('[data-testid="candidate-number"]').innerText()).trim()).toBe(
          '待抽签分配',
        );
        await screenshot(page, 'my-registrations-approved');
      });

      await withScreenshotOnFailure(admin, 'registration-organiser-draws', async () => {
        // From the registrations console to the competition, then its draw page.
        const competitionPath = new URL(admin.url()).pathname.replace(/\/registrations$/, '');
        await admin.goto(competitionPath);
        await admin.locator('[data-testid="draw-link"]').click();
        const rounds = admin.locator('select[name="round"]');
        await rounds.locator('option', { hasText: EVENT }).first().waitFor({ state: 'attached' });
        await selectByText(rounds, EVENT);
        // The demo round was drawn before this worker was approved: draw it again.
        await admin.locator('[data-testid="draw-summary"]').waitFor();
        await admin.locator('input[name="seed"]').fill('8848');
        await admin.locator('[data-testid="run-draw"]').click();
        await admin.getByText(/抽签完成：\d+ 个参赛单位已分配/).waitFor();
        expect((await admin.locator('[data-testid="draw-seed"]').innerText()).trim()).toBe('8848');
        const drawnRow = admin
          .locator('[data-testid="draw-entries"] tr')
          .filter({ hasText: worker.name });
        await drawnRow.waitFor();
        await screenshot(admin, 'draw-result');
      });

      await withScreenshotOnFailure(page, 'registration-worker-drawn', async () => {
        await page.reload();
        const entry = page.locator('[data-testid="my-registration"]').filter({ hasText: EVENT });
        candidateNumber = await waitForText(
          entry.locator('[data-testid="candidate-number"]'),
          (text) => /^01\d{4}$/.test(text.trim()),
        );
        const placement = page.locator('[data-testid="my-placement"]').filter({ hasText: EVENT });
        await placement.waitFor();
        expect(
          (await placement.locator('[data-testid="placement-number"]').innerText()).trim(),
        ).toBe(candidateNumber);
        expect(
          Number((await placement.locator('[data-testid="placement-station"]').innerText()).trim()),
        ).toBeGreaterThanOrEqual(1);
        // Session time and venue are shown with the station.
        expect(await placement.innerText()).toContain('地点');
        await screenshot(page, 'my-registrations-drawn');
      });

      await withScreenshotOnFailure(admin, 'registration-check-in', async () => {
        // On the day: the number is scanned (typed + Enter) at the check-in desk.
        await admin.locator('a', { hasText: '检录' }).first().click();
        const rounds = admin.locator('select[name="round"]');
        await rounds.locator('option', { hasText: EVENT }).first().waitFor({ state: 'attached' });
        await selectByText(rounds, EVENT);
        await admin.locator('[data-testid="check-in-number"]').fill(candidateNumber);
        await admin.locator('[data-testid="check-in-number"]').press('Enter');
        const card = admin.locator('[data-testid="check-in-card"]');
        await waitForText(card, (text) => text.includes(worker.name));
        // The desk sees the document masked, even as an organiser.
        expect(await card.innerText()).not.toContain(worker.id);
        await card.locator('[data-testid="mark-present"]').click();
        await waitForText(card.locator('.state'), (text) => text === '已到');
        await screenshot(admin, 'check-in-present');
      });
    } finally {
      await workerSide.context.close();
      await organiserSide.context.close();
    }
  });
});
