import 'fake-indexeddb/auto';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { DEVICE_STORAGE_KEY } from '../../lib/judging/device';
import { judgingQueue } from '../../lib/judging/judging-queue.svelte';
import { errorBody, fakeApi } from '../../test/fetch';
import { grant, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import { currentMark, FakeMarksEndpoint, sheetView } from './test-fixtures';

const judge = sessionUser([grant('judge')], { displayName: '张伟' });
const MARKS = 'POST /api/v1/judging/marks';

let sheetCounter = 0;
/** Each test gets its own sheet, so the outbox (one per page load) never mixes them. */
function nextSheetId(): string {
  sheetCounter += 1;
  return `aaaaaaaa-0000-4000-8000-${String(sheetCounter).padStart(12, '0')}`;
}

let online = true;
function setOnline(value: boolean): void {
  online = value;
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

beforeEach(() => {
  online = true;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
});

afterEach(async () => {
  // Nothing may be left waiting for the next test.
  await waitFor(() => expect(judgingQueue.pendingCount).toBe(0));
});

const aspectCard = (id: string): HTMLElement => {
  const card = document.querySelector<HTMLElement>(`[data-aspect="${id}"]`);
  if (!card) throw new Error(`no aspect ${id}`);
  return card;
};
const stateOf = (id: string): string | undefined =>
  within(aspectCard(id)).getByTestId('mark-state').dataset['state'];

async function openSheet(sheetId: string, overrides: Parameters<typeof sheetView>[0] = {}) {
  resetApp(`/judging/sheets/${sheetId}`, judge);
  const marks = new FakeMarksEndpoint();
  let view = sheetView({ sheetId, ...overrides });
  const api = fakeApi({
    [`GET /api/v1/judging/sheets/${sheetId}`]: () => ({ body: view }),
    [MARKS]: (call) => marks.handle(call),
  });
  render(App);
  await screen.findByTestId('sheet-code');
  return {
    marks,
    calls: api.calls,
    setView: (next: typeof view) => (view = next),
  };
}

describe('the judge’s sheet', () => {
  it('shows the anonymous code, station and rubric, never a name', async () => {
    const sheetId = nextSheetId();
    await openSheet(sheetId);
    expect(screen.getByTestId('sheet-code').textContent?.trim()).toBe('加密号 A017');
    expect(document.body.textContent).toContain('工位 12');
    expect(document.body.textContent).toContain('实操 · 接线工艺');
    expect(within(aspectCard('finish')).getByRole('button', { name: '3 优秀' })).toBeTruthy();
    expect(within(aspectCard('thread')).getByRole('button', { name: '1 合格' })).toBeTruthy();
    expect(within(aspectCard('theory')).getByText('由理论考试成绩导入，无需评分')).toBeTruthy();
    expect(screen.getByTestId('sheet-progress').textContent).toBe('已评 0/4 项');
    expect(stateOf('finish')).toBe('empty');
  });

  it('saves a tapped level with an idempotency key and the device name', async () => {
    const sheetId = nextSheetId();
    const { marks } = await openSheet(sheetId);
    await fireEvent.click(within(aspectCard('finish')).getByRole('button', { name: '2 达到' }));

    await waitFor(() => expect(stateOf('finish')).toBe('saved'));
    expect(marks.stored).toEqual([
      expect.objectContaining({ sheetId, aspectId: 'finish', value: '2' }),
    ]);
    const [stored] = marks.stored;
    expect(stored?.key).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(stored).not.toHaveProperty('reason');
    expect(screen.getByTestId('pending-count').textContent).toBe('全部已保存');
    expect(screen.getByTestId('sheet-progress').textContent).toBe('已评 1/4 项');
    expect(localStorage.getItem(DEVICE_STORAGE_KEY)).toMatch(/^tablet-/);
  });

  it('keeps marks on the device while offline and sends each once when back online', async () => {
    const sheetId = nextSheetId();
    const { marks } = await openSheet(sheetId);
    setOnline(false);
    await fireEvent.click(within(aspectCard('finish')).getByRole('button', { name: '3 优秀' }));
    await fireEvent.click(within(aspectCard('thread')).getByRole('button', { name: '0 不合格' }));

    await waitFor(() => expect(screen.getByTestId('pending-count').textContent).toBe('2 条待发送'));
    expect(screen.getByTestId('offline-notice')).toBeTruthy();
    expect(stateOf('finish')).toBe('pending');
    expect(stateOf('thread')).toBe('pending');
    expect(marks.requests).toBe(0);

    setOnline(true);
    await waitFor(() => expect(screen.getByTestId('pending-count').textContent).toBe('全部已保存'));
    expect(stateOf('finish')).toBe('saved');
    expect(stateOf('thread')).toBe('saved');
    expect(marks.stored.map((mark) => `${mark.aspectId}=${mark.value}`)).toEqual([
      'finish=3',
      'thread=0',
    ]);
    expect(marks.requests).toBe(1);
  });

  it('asks for a reason before changing a saved mark, and sends it with the correction', async () => {
    const sheetId = nextSheetId();
    const { marks } = await openSheet(sheetId, { marks: [currentMark('finish', '2')] });
    expect(stateOf('finish')).toBe('saved');

    const card = aspectCard('finish');
    await fireEvent.click(within(card).getByRole('button', { name: '2 达到' })); // same level: nothing
    expect(screen.queryByRole('dialog')).toBeNull();

    await fireEvent.click(within(card).getByRole('button', { name: '3 优秀' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('表面质量：2 → 3');
    await fireEvent.click(within(dialog).getByRole('button', { name: '确认修改' }));
    expect(within(dialog).getByText('请填写修改原因')).toBeTruthy();
    await fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(marks.requests).toBe(0);

    await fireEvent.click(within(card).getByRole('button', { name: '3 优秀' }));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '误触' }));
    await fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: '确认修改' }),
    );
    await waitFor(() => expect(marks.stored).toHaveLength(1));
    expect(marks.stored[0]).toMatchObject({ aspectId: 'finish', value: '3', reason: '误触' });
    await waitFor(() => expect(stateOf('finish')).toBe('saved'));
  });

  it('checks a measurement against the rubric before queueing it', async () => {
    const sheetId = nextSheetId();
    const { marks } = await openSheet(sheetId);
    const card = aspectCard('diameter');
    const field = within(card).getByLabelText('直径');
    await fireEvent.input(field, { target: { value: '25.0.1' } });
    await fireEvent.click(within(card).getByRole('button', { name: '保存' }));
    expect(within(card).getByRole('alert').textContent).toBe('须为数字，例如 8.5');
    expect(marks.requests).toBe(0);

    await fireEvent.input(field, { target: { value: '25.01' } });
    await fireEvent.click(within(card).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(stateOf('diameter')).toBe('saved'));
    expect(marks.stored.map((mark) => mark.value)).toEqual(['25.01']);
  });

  it('shows a refused mark with the server’s reason until the judge deals with it', async () => {
    const sheetId = nextSheetId();
    const { marks } = await openSheet(sheetId);
    marks.reject = () => '评分表已被裁判长锁定';
    await fireEvent.click(within(aspectCard('finish')).getByRole('button', { name: '1 基本达到' }));

    await waitFor(() => expect(stateOf('finish')).toBe('failed'));
    expect(within(aspectCard('finish')).getByRole('alert').textContent).toContain(
      '未保存：评分表已被裁判长锁定',
    );
    expect(screen.getByTestId('pending-indicator').textContent).toContain('1 条被拒绝');

    marks.reject = null;
    await fireEvent.click(within(aspectCard('finish')).getByRole('button', { name: '重新发送' }));
    await waitFor(() => expect(stateOf('finish')).toBe('saved'));
    expect(marks.stored.map((mark) => mark.value)).toEqual(['1']);
  });

  it('submits only after a summary and a signature matching the judge’s name', async () => {
    const sheetId = nextSheetId();
    const submitted: unknown[] = [];
    resetApp(`/judging/sheets/${sheetId}`, judge);
    const endpoint = new FakeMarksEndpoint();
    let view = sheetView({ sheetId });
    fakeApi({
      [`GET /api/v1/judging/sheets/${sheetId}`]: () => ({ body: view }),
      [MARKS]: (call) => endpoint.handle(call),
      [`POST /api/v1/judging/sheets/${sheetId}/submit`]: (call) => {
        submitted.push(call.body);
        view = { ...view, status: 'submitted', canMark: false };
        return { body: view };
      },
    });
    render(App);
    await screen.findByTestId('sheet-code');
    await fireEvent.click(within(aspectCard('finish')).getByRole('button', { name: '2 达到' }));
    await waitFor(() => expect(stateOf('finish')).toBe('saved'));

    await fireEvent.click(screen.getByRole('button', { name: '提交评分表' }));
    const dialog = screen.getByTestId('submit-dialog');
    expect(dialog.textContent).toContain('加密号 A017：已评 1/4 项');
    expect(within(dialog).getByTestId('missing-aspects').textContent).toContain('螺纹规');
    await fireEvent.click(within(dialog).getByRole('button', { name: '下一步：签名' }));

    const signature = within(dialog).getByLabelText('签名：请输入您的姓名「张伟」');
    await fireEvent.input(signature, { target: { value: '张 伟' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: '签名并提交' }));
    expect(within(dialog).getByText('签名须与您的姓名「张伟」一致')).toBeTruthy();
    expect(submitted).toEqual([]);

    await fireEvent.input(signature, { target: { value: '张伟' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: '签名并提交' }));
    await screen.findByText('评分表已提交。');
    expect(submitted).toEqual([
      expect.objectContaining({ signature: '张伟', deviceId: expect.stringMatching(/^tablet-/) }),
    ]);
    expect(screen.getByTestId('sheet-status').textContent?.trim()).toBe('已提交');
    expect(screen.getByTestId('read-only')).toBeTruthy();
  });

  it('will not submit while marks are still waiting on the device', async () => {
    const sheetId = nextSheetId();
    const { marks } = await openSheet(sheetId);
    setOnline(false);
    await fireEvent.click(within(aspectCard('finish')).getByRole('button', { name: '2 达到' }));
    await waitFor(() => expect(stateOf('finish')).toBe('pending'));
    await fireEvent.click(screen.getByRole('button', { name: '提交评分表' }));
    const dialog = screen.getByTestId('submit-dialog');
    expect(dialog.textContent).toContain('还有 1 条评分未发送');
    expect(dialog.textContent).toContain('提交评分表需要联网');
    expect(
      (within(dialog).getByRole('button', { name: '下一步：签名' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));

    setOnline(true);
    await waitFor(() => expect(screen.getByTestId('pending-count').textContent).toBe('全部已保存'));
    expect(marks.stored).toHaveLength(1);
  });

  it('cannot be marked when the sheet is locked', async () => {
    const sheetId = nextSheetId();
    await openSheet(sheetId, { status: 'locked', canMark: false });
    expect(screen.getByTestId('read-only').textContent).toContain('已锁定');
    const level = within(aspectCard('finish')).getByRole('button', { name: '2 达到' });
    expect((level as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '提交评分表' })).toBeNull();
  });

  it('says why when the sheet cannot be opened', async () => {
    const sheetId = nextSheetId();
    resetApp(`/judging/sheets/${sheetId}`, judge);
    fakeApi({
      [`GET /api/v1/judging/sheets/${sheetId}`]: errorBody(
        403,
        'judging.not_assigned',
        '您未被分配评此评分表',
      ),
    });
    render(App);
    expect((await screen.findByRole('alert')).textContent).toContain('您未被分配评此评分表');
  });
});
