import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi, type RecordedCall } from '../../test/fetch';
import { grant, ROUND_ID, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const IMPORT = `POST /api/v1/judging/rounds/${ROUND_ID}/theory-import`;
const sheet = () =>
  new File(['xlsx bytes'], '理论成绩.xlsx', {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });

function report(dryRun: boolean, overrides: Record<string, unknown> = {}) {
  return {
    roundId: ROUND_ID,
    aspectId: 'theory',
    dryRun,
    imported: !dryRun,
    total: 2,
    errors: 0,
    rows: [
      { row: 2, candidateNumber: 'JL2026-0001', score: '92', status: 'ok', message: null },
      { row: 3, candidateNumber: 'JL2026-0002', score: '87.5', status: 'ok', message: null },
    ],
    ...overrides,
  };
}

describe('theory results import', () => {
  let calls: RecordedCall[];
  beforeEach(() => {
    resetApp(`/judging/rounds/${ROUND_ID}/theory`, sessionUser([grant('organiser')]));
    calls = [];
  });

  async function chooseFile(): Promise<void> {
    const input = (await screen.findByLabelText('成绩表文件')) as HTMLInputElement;
    await fireEvent.change(input, { target: { files: [sheet()] } });
  }

  it('asks for the file, checks it first, then imports it', async () => {
    fakeApi({
      [IMPORT]: (call) => {
        calls.push(call);
        return { body: report(calls.length === 1) };
      },
    });
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: '检查' }));
    expect(screen.getByText('请选择成绩表文件')).toBeTruthy();
    expect(calls).toEqual([]);

    await chooseFile();
    await fireEvent.click(screen.getByRole('button', { name: '检查' }));
    expect((await screen.findByTestId('theory-report')).textContent).toContain(
      '共 2 行，0 行有误。',
    );
    expect(screen.getAllByTestId('theory-row')).toHaveLength(2);

    await fireEvent.click(screen.getByRole('button', { name: '导入 2 条成绩' }));
    await screen.findByText('已导入 2 条理论成绩。');
    expect(calls).toHaveLength(2);
    // multipart: the file, and a dry run first, then the real import
    const forms = vi
      .mocked(fetch)
      .mock.calls.map(([, init]) => init?.body)
      .filter((body): body is FormData => body instanceof FormData);
    expect(forms.map((form) => form.get('dryRun'))).toEqual(['true', 'false']);
    expect(forms.map((form) => (form.get('file') as File).name)).toEqual([
      '理论成绩.xlsx',
      '理论成绩.xlsx',
    ]);
  });

  it('offers no import when a row is wrong, and shows the refusal of a bad sheet', async () => {
    fakeApi({
      [IMPORT]: () => ({
        body: report(true, {
          errors: 1,
          rows: [
            {
              row: 2,
              candidateNumber: 'JL2026-9999',
              score: '92',
              status: 'error',
              message: { zh: '没有这个准考证号', en: 'unknown candidate number' },
            },
          ],
        }),
      }),
    });
    render(App);
    await chooseFile();
    await fireEvent.click(screen.getByRole('button', { name: '检查' }));
    expect((await screen.findByTestId('theory-report')).textContent).toContain('没有这个准考证号');
    expect(screen.queryByRole('button', { name: /^导入/ })).toBeNull();

    fakeApi({
      [IMPORT]: errorBody(422, 'judging.theory_import_invalid', '成绩表有误', {
        issues: [{ path: 'rows[1].score', message: '成绩须在 0 到 100 之间' }],
      }),
    });
    await fireEvent.click(screen.getByRole('button', { name: '检查' }));
    await waitFor(() =>
      expect(screen.getByTestId('theory-refused').textContent).toContain('成绩须在 0 到 100 之间'),
    );
  });
});
