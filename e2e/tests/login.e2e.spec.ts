// A visitor lands on the app, is sent to the login page, signs in as the demo organiser and sees
// the dashboard with the demo "十百千" competition; the interface switches to English; a wrong
// password is refused on the login page.
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

const ORGANISER = DEMO_ORGANISER;
const CJK = /[\u3400-\u9fff]/;

const dashboardTitle = (page: Page) => page.locator('[data-testid="dashboard-title"]');

async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

/** Polls an element's text until it satisfies `accept`; returns that text. */

/** The switch may be a <select> of languages or a button that toggles zh-CN ↔ English. */
async function switchToEnglish(page: Page): Promise<void> {
  const select = page.locator('select[data-testid="locale-switch"]');
  if ((await select.count()) > 0) {
    const values = await select
      .locator('option')
      .evaluateAll((options) =>
        options.map((option) => (option as unknown as { value: string }).value),
      );
    const english = values.find((value) => /^en/i.test(value));
    if (!english) throw new Error(`locale switch has no English option: ${values.join(', ')}`);
    await select.selectOption(english);
    return;
  }
  await page.locator('[data-testid="locale-switch"]').click();
  // A switch that opens a menu rather than toggling: pick English from it.
  const menuItem = page.getByText(/^\s*English\s*$/);
  if (
    await menuItem
      .first()
      .isVisible()
      .catch(() => false)
  ) {
    const title = await dashboardTitle(page).innerText();
    if (CJK.test(title)) await menuItem.first().click();
  }
}

describe('login', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    // One after the other, so that afterAll can close the browser if the app fails to start.
    browser = await launchBrowser();
    app = await startApp();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sends a visitor to the login page and lets the demo organiser reach the dashboard', async () => {
    const { context, page } = await newPage(browser, app.url);
    try {
      await withScreenshotOnFailure(page, 'login-organiser', async () => {
        await page.goto('/');
        await page.locator('input[name="username"]').waitFor();
        expect(page.url()).toMatch(/login/);
        await screenshot(page, 'login-page');

        await fillLogin(page, ORGANISER.username, ORGANISER.password);

        await dashboardTitle(page).waitFor();
        const chineseTitle = (await dashboardTitle(page).innerText()).trim();
        expect(chineseTitle).toMatch(CJK);
        const demoCompetition = page
          .locator('[data-testid="competition-card"]')
          .filter({ hasText: '十百千' });
        await demoCompetition.first().waitFor();
        expect(await demoCompetition.count()).toBeGreaterThanOrEqual(1);
        await screenshot(page, 'dashboard-zh-CN');

        await switchToEnglish(page);
        const englishTitle = await waitForText(
          dashboardTitle(page),
          (text) => text !== chineseTitle && /[A-Za-z]{3,}/.test(text),
        );
        expect(englishTitle).not.toMatch(CJK);
        await screenshot(page, 'dashboard-en');
      });
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with an error and stays on the login page', async () => {
    const { context, page } = await newPage(browser, app.url);
    try {
      await withScreenshotOnFailure(page, 'login-wrong-password', async () => {
        await page.goto('/');
        await page.locator('input[name="username"]').waitFor();

        await fillLogin(page, ORGANISER.username, 'not-the-password-2026');

        const error = page.locator('[role="alert"], [data-testid="login-error"]').first();
        await error.waitFor();
        expect((await error.innerText()).trim()).not.toBe('');
        expect(page.url()).toMatch(/login/);
        expect(await page.locator('input[name="password"]').isVisible()).toBe(true);
        expect(await dashboardTitle(page).count()).toBe(0);
        await screenshot(page, 'login-wrong-password');
      });
    } finally {
      await context.close();
    }
  });
});
