import type { ImportView } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { i18n } from '../../lib/i18n';
import { fieldError } from '../../test/dom';
import { errorBody, fakeApi } from '../../test/fetch';
import { COMPETITION_ID, grant, IMPORT_ID, importView, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const PAGE = `/competitions/${COMPETITION_ID}/registrations/import`;
const IMPORTS = `/api/v1/competitions/${COMPETITION_ID}/registrations/imports`;
const ONE = `${IMPORTS}/${IMPORT_ID}`;
const POLL = { timeout: 4000 };

const validated = importView({
  status: 'validated',
  processedRows: 5,
  totalRows: 5,
  validRows: 3,
  invalidRows: 2,
  alreadyRegisteredRows: 1,
  issueCount: 2,
  issues: [
    {
      row: 3,
      column: '证件号码',
      message: {
        'zh-CN': '身份证号校验位错误：第 18 位应为 8，请核对整个号码',
        en: 'ID number check digit wrong: position 18 should be 8; check the whole number',
      },
    },
    {
      row: 5,
      column: null,
      message: { 'zh-CN': '与第 2 行重复', en: 'Duplicate of row 2' },
    },
  ],
});

async function chooseFile(): Promise<void> {
  const file = new File(['PK'], '一汽报名表.xlsx', {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  await fireEvent.change(screen.getByLabelText('选择文件（XLSX 或 CSV）'), {
    target: { files: [file] },
  });
}

const upload = () => fireEvent.click(screen.getByRole('button', { name: '上传并检查' }));

describe('registration import page', () => {
  beforeEach(() => resetApp(PAGE, sessionUser([grant('organiser')])));

  it('uploads, shows progress, then the report row by row, and imports the valid rows', async () => {
    const polls: ImportView[] = [
      importView({ processedRows: 2, totalRows: 5 }),
      validated,
      importView({ ...validated, status: 'committing', processedRows: 1, totalRows: 3 }),
      importView({ ...validated, status: 'committed', createdRows: 2, committedAt: 'x' }),
    ];
    const { calls } = fakeApi({
      [`POST ${IMPORTS}`]: { status: 202, body: importView() },
      [`GET ${ONE}`]: () => ({ body: polls.shift() }),
      [`POST ${ONE}/commit`]: {
        status: 202,
        body: importView({ ...validated, status: 'committing' }),
      },
    });
    render(App);

    expect(screen.getByRole('link', { name: /下载导入模板/ }).getAttribute('href')).toBe(
      `/api/v1/competitions/${COMPETITION_ID}/registrations/import-template`,
    );
    await chooseFile();
    await upload();

    expect(await screen.findByText('正在检查第 2 / 5 行', {}, POLL)).toBeTruthy();
    const progress = screen.getByTestId('import-progress').querySelector('progress');
    expect(progress?.getAttribute('max')).toBe('5');
    expect(progress?.getAttribute('value')).toBe('2');

    const issues = await screen.findByTestId('import-issues', {}, POLL);
    const rows = within(issues).getAllByTestId('import-issue');
    expect(
      rows.map((row) =>
        Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim()),
      ),
    ).toEqual([
      ['3', '证件号码', '身份证号校验位错误：第 18 位应为 8，请核对整个号码'],
      ['5', '整行', '与第 2 行重复'],
    ]);
    expect(screen.getByTestId('count-valid').textContent).toBe('3');
    expect(screen.getByTestId('count-invalid').textContent).toBe('2');
    expect(screen.getByTestId('count-already').textContent).toBe('1');
    expect(screen.getByTestId('import-report').getAttribute('href')).toBe(`${ONE}/report`);

    i18n.setLocale('en');
    expect(await screen.findByText('Duplicate of row 2')).toBeTruthy();
    i18n.setLocale('zh-CN');
    expect(await screen.findByText('与第 2 行重复')).toBeTruthy();

    expect((screen.getByLabelText(/只导入无误的行/) as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: '确认导入' }));

    expect(await screen.findByText('正在导入第 1 / 3 行', {}, POLL)).toBeTruthy();
    expect((await screen.findByTestId('import-result', {}, POLL)).textContent).toContain(
      '导入完成：新增 2 条报名。',
    );
    expect(screen.getByText('已报名的 1 行已跳过，未重复导入。')).toBeTruthy();

    const sent = calls.find((call) => call.method === 'POST' && call.path === IMPORTS);
    expect(sent?.headers.get('Content-Type')).toBeNull(); // the browser sets the multipart boundary
    const commit = calls.find((call) => call.path === `${ONE}/commit`);
    expect(commit?.body).toEqual({ mode: 'valid_only' });
  }, 15_000);

  it('sends the all-or-nothing choice and shows why nothing was imported', async () => {
    const { calls } = fakeApi({
      [`POST ${IMPORTS}`]: { status: 202, body: validated },
      [`POST ${ONE}/commit`]: errorBody(
        409,
        'import.has_errors',
        '有 2 行存在问题，按“全部或全不”方式不能导入；请修改后重新上传，或选择只导入有效行',
      ),
    });
    render(App);
    await chooseFile();
    await upload();
    await screen.findByTestId('import-issues');
    await fireEvent.click(screen.getByLabelText(/全部无误才导入/));
    await fireEvent.click(screen.getByRole('button', { name: '确认导入' }));

    expect((await screen.findByRole('alert')).textContent).toContain('有 2 行存在问题');
    expect(calls.find((call) => call.path === `${ONE}/commit`)?.body).toEqual({
      mode: 'all_or_nothing',
    });
    expect(screen.getByRole('button', { name: '确认导入' })).toBeTruthy();
  });

  it('discards an import without writing anything', async () => {
    const { calls } = fakeApi({
      [`POST ${IMPORTS}`]: { status: 202, body: validated },
      [`POST ${ONE}/discard`]: { body: importView({ ...validated, status: 'discarded' }) },
    });
    render(App);
    await chooseFile();
    await upload();
    await fireEvent.click(await screen.findByRole('button', { name: '放弃本次导入' }));
    expect(await screen.findByText('已放弃本次导入，没有写入任何报名。')).toBeTruthy();
    expect(calls.some((call) => call.path === `${ONE}/commit`)).toBe(false);
  });

  it('shows the server’s message when the upload is refused', async () => {
    fakeApi({
      [`POST ${IMPORTS}`]: errorBody(
        400,
        'import.file_invalid',
        '无法导入该文件：缺少表头“证件号码”',
      ),
    });
    render(App);
    await upload();
    expect(fieldError(screen.getByLabelText('选择文件（XLSX 或 CSV）'))).toBe('请选择一个文件');

    await chooseFile();
    await upload();
    expect((await screen.findByRole('alert')).textContent).toContain(
      '无法导入该文件：缺少表头“证件号码”',
    );
    expect(screen.getByRole('button', { name: '上传并检查' })).toBeTruthy();
  });

  it('reports a failed validation', async () => {
    fakeApi({
      [`POST ${IMPORTS}`]: { status: 202, body: importView() },
      [`GET ${ONE}`]: { body: importView({ status: 'failed', failure: '文件已损坏' }) },
    });
    render(App);
    await chooseFile();
    await upload();
    expect(await screen.findByText('导入失败：文件已损坏', {}, POLL)).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: '导入另一个文件' })).toBeTruthy(),
    );
  });

  it('is closed to competitors', async () => {
    resetApp(PAGE, sessionUser([grant('competitor')]));
    fakeApi({});
    render(App);
    expect(await screen.findByText('您当前的角色无权访问此页面。')).toBeTruthy();
    expect(screen.queryByLabelText('选择文件（XLSX 或 CSV）')).toBeNull();
  });
});
