// The demo organiser opens the statistics of the demo competition, sees the charts drawn from the
// demo registrations, and saves one chart as a PNG (SVG → canvas in the real browser) and the
// whole set as XLSX; then an invented certificate code is refused on the public verify page.
import type { Browser } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import {
  DEMO_ORGANISER,
  launchBrowser,
  newPage,
  type RunningApp,
  screenshot,
  startApp,
  withScreenshotOnFailure,
} from '../src';

describe('statistics and certificate verification in the browser', () => {
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

  it('draws the charts and saves one as a real PNG and the figures as XLSX', async () => {
    const { context, page } = await newPage(browser, app.url);
    try {
      await withScreenshotOnFailure(page, 'statistics', async () => {
        await page.goto('/login');
        await page.locator('input[name="username"]').fill(DEMO_ORGANISER.username);
        await page.locator('input[name="password"]').fill(DEMO_ORGANISER.password);
        await page.locator('button[type="submit"]').click();
        await page.waitForURL((url) => url.pathname !== '/login');

        const competitions = (await page.evaluate(async () => {
          const response = await fetch('/api/v1/competitions');
          return (await response.json()) as Array<{ id: string }>;
        })) as Array<{ id: string }>;
        expect(competitions.length).toBeGreaterThan(0);
        await page.goto(`/competitions/${competitions[0]!.id}/statistics`);
        const participants = await page.locator('[data-testid="participants"]').innerText();
        expect(Number(participants)).toBeGreaterThanOrEqual(0);
        const chart = page.getByRole('img', { name: /按性别/ });
        await chart.waitFor();
        await screenshot(page, 'statistics-page');

        const card = page.locator('section.chart-card', { has: chart });
        const [png] = await Promise.all([
          page.waitForEvent('download'),
          card.getByRole('button', { name: '导出图片' }).click(),
        ]);
        expect(png.suggestedFilename()).toMatch(/\.png$/);
        const bytes = await readFile((await png.path())!);
        // PNG signature, then an IHDR twice the chart's 560-unit width.
        expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
        expect(bytes.readUInt32BE(16)).toBe(1120);

        const [xlsx] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('[data-testid="statistics-xlsx"]').click(),
        ]);
        expect(xlsx.suggestedFilename()).toMatch(/统计\.xlsx$/);
        const workbook = await readFile((await xlsx.path())!);
        expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');
      });
    } finally {
      await context.close();
    }
  });

  it('refuses a made-up certificate code on the public verification page', async () => {
    const { context, page } = await newPage(browser, app.url);
    try {
      await withScreenshotOnFailure(page, 'verify-forged', async () => {
        await page.goto(`/verify/${'A'.repeat(22)}.${'B'.repeat(22)}`);
        const result = page.locator('[data-testid="verify-result"]');
        await result.waitFor();
        expect(await result.innerText()).toContain('未找到该证书');
        await screenshot(page, 'verify-forged');
      });
    } finally {
      await context.close();
    }
  });
});
