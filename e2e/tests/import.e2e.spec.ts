// The demo organiser uploads an XLSX of five workers, three good and two with mistakes, sees the
// mistakes row by row, imports the valid rows and sees three registrations created.
import type { Browser } from 'playwright-core';
import {
  DEMO_ORGANISER,
  launchBrowser,
  newPage,
  randomDigits,
  residentId,
  residentIdCheckCharacter,
  type RunningApp,
  screenshot,
  startApp,
  waitForText,
  withScreenshotOnFailure,
} from '../src';

// exceljs is a dependency of the API; it resolves from the root node_modules.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ExcelJS = require('exceljs') as typeof import('exceljs');

const ORGANISER = DEMO_ORGANISER;
const EVENT = '数控车工';
const ENTERPRISE = '中国第一汽车集团有限公司';
const HEADERS = ['姓名', '证件类型', '证件号码', '手机号码', '所在企业', '报名项目', '技能等级'];

/** The same body with a check character that is certainly wrong. */
function wrongResidentId(body: string): string {
  const right = residentIdCheckCharacter(body);
  return body + (right === '0' ? '1' : '0');
}

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('报名');
  sheet.addRow(HEADERS);
  const base = randomDigits(2);
  const rows = [
    [
      '孙立新',
      '居民身份证',
      residentId(`22010219850612${base}1`),
      `138${randomDigits(8)}`,
      ENTERPRISE,
      EVENT,
      '三级',
    ],
    // Row 3: the check digit is wrong.
    [
      '周海燕',
      '居民身份证',
      wrongResidentId(`22010419900101${base}2`),
      `138${randomDigits(8)}`,
      ENTERPRISE,
      EVENT,
      '四级',
    ],
    [
      '吴国栋',
      '居民身份证',
      residentId(`22010319921120${base}3`),
      `139${randomDigits(8)}`,
      ENTERPRISE,
      EVENT,
      '二级',
    ],
    // Row 5: the mobile number is two digits short.
    [
      '郑晓明',
      '居民身份证',
      residentId(`22010519870305${base}5`),
      '138123456',
      ENTERPRISE,
      EVENT,
      '',
    ],
    [
      '冯建华',
      '居民身份证',
      residentId(`22010619930718${base}4`),
      `137${randomDigits(8)}`,
      ENTERPRISE,
      EVENT,
      '五级',
    ],
  ];
  for (const row of rows) sheet.addRow(row);
  // Numbers stored as text, as the template asks.
  sheet.getColumn(3).numFmt = '@';
  sheet.getColumn(4).numFmt = '@';
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Polls an element's text until it satisfies `accept`; returns that text. */

describe('bulk registration import', () => {
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

  it('shows the mistakes row by row and imports the valid rows', async () => {
    const file = await workbook();
    const { context, page } = await newPage(browser, app.url);
    try {
      await withScreenshotOnFailure(page, 'import', async () => {
        await page.goto('/login');
        await page.locator('input[name="username"]').fill(ORGANISER.username);
        await page.locator('input[name="password"]').fill(ORGANISER.password);
        await page.locator('button[type="submit"]').click();
        const card = page
          .locator('[data-testid="competition-card"]')
          .filter({ hasText: '十百千' })
          .first();
        await card.waitFor();
        await page
          .locator('li', { has: card })
          .locator('[data-testid="competition-registrations-link"]')
          .click();
        await page.getByRole('link', { name: '批量导入' }).click();
        await page.locator('input[name="file"]').waitFor();
        expect(await page.locator('[data-testid="import-template"]').getAttribute('href')).toMatch(
          /\/registrations\/import-template$/,
        );

        await page.locator('input[name="file"]').setInputFiles({
          name: '一汽职工报名.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: file,
        });
        await page.getByRole('button', { name: '上传并检查' }).click();

        const issues = page.locator('[data-testid="import-issue"]');
        await issues.first().waitFor({ timeout: 30_000 });
        await screenshot(page, 'import-report');
        const reported = await issues.evaluateAll((rows) =>
          rows.map((row) =>
            Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.trim() ?? ''),
          ),
        );
        const byRow = new Map<string, string[][]>();
        for (const cells of reported)
          byRow.set(cells[0]!, [...(byRow.get(cells[0]!) ?? []), cells]);
        expect([...byRow.keys()].sort()).toEqual(['3', '5']);
        expect(
          byRow
            .get('3')!
            .some(([, column, message]) => column === '证件号码' && /校验位/.test(message!)),
        ).toBe(true);
        expect(
          byRow
            .get('5')!
            .some(([, column, message]) => column === '手机号码' && /11 位/.test(message!)),
        ).toBe(true);
        expect((await page.locator('[data-testid="count-valid"]').innerText()).trim()).toBe('3');
        expect((await page.locator('[data-testid="count-invalid"]').innerText()).trim()).toBe('2');

        // "Import valid rows" is the default choice.
        expect(await page.locator('input[name="mode"][value="valid_only"]').isChecked()).toBe(true);
        await page.getByRole('button', { name: '确认导入' }).click();
        const result = await waitForText(page.locator('[data-testid="import-result"]'), (text) =>
          text.includes('导入完成'),
        );
        expect(result).toContain('新增 3 条报名');
        await screenshot(page, 'import-committed');
      });
    } finally {
      await context.close();
    }
  });
});
