import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../lib/i18n';
import { JudgingQueue, type QueuedSheetMark } from '../../../lib/judging/judging-queue.svelte';
import { MemoryMarkStore } from '../../../lib/judging/mark-store';
import PendingIndicator from './PendingIndicator.svelte';

const SHEET = 'aaaaaaaa-0000-4000-8000-000000000301';

let online = true;
function setOnline(value: boolean): void {
  online = value;
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

/** A queue whose server answers when told to. */
function queueWithServer() {
  const answers: (() => void)[] = [];
  let refuse = false;
  const queue = new JudgingQueue({
    store: () => new MemoryMarkStore(),
    send: (marks: QueuedSheetMark[]) =>
      new Promise((resolve) => {
        answers.push(() =>
          resolve(
            marks.map((mark) =>
              refuse
                ? {
                    key: mark.key,
                    saved: false as const,
                    failure: { status: null, code: 'judging.sheet_locked', message: '已锁定' },
                  }
                : {
                    key: mark.key,
                    saved: true as const,
                    answer: { key: mark.key, status: 'stored' as const, markId: null, error: null },
                  },
            ),
          ),
        );
      }),
  });
  return {
    queue,
    answer: () => answers.shift()?.(),
    refuseNext: () => (refuse = true),
  };
}

const count = () => screen.getByTestId('pending-count').textContent?.trim();

beforeEach(() => {
  i18n.setLocale('zh-CN');
  online = true;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
});

let stopQueue: (() => void) | null = null;
afterEach(() => stopQueue?.());

describe('PendingIndicator', () => {
  it('counts marks waiting on the device and clears when the server acknowledges them', async () => {
    const { queue, answer } = queueWithServer();
    stopQueue = () => queue.stop();
    await queue.start('judge-1');
    render(PendingIndicator, { queue });
    expect(count()).toBe('全部已保存');
    expect(screen.queryByText(/本机保存评分/)).toBeTruthy(); // memory store: warns about reloads

    setOnline(false);
    await queue.enter({ sheetId: SHEET, aspectId: 'finish', value: '2' });
    await queue.enter({ sheetId: SHEET, aspectId: 'thread', value: '1' });
    await waitFor(() => expect(count()).toBe('2 条待发送'));
    expect(screen.getByTestId('offline-notice').textContent).toContain('离线');

    setOnline(true);
    await waitFor(() => expect(screen.getByText('正在发送…')).toBeTruthy());
    answer();
    await waitFor(() => expect(count()).toBe('全部已保存'));
    expect(screen.queryByTestId('offline-notice')).toBeNull();
  });

  it('counts refused marks separately, in English too', async () => {
    i18n.setLocale('en');
    const { queue, answer, refuseNext } = queueWithServer();
    stopQueue = () => queue.stop();
    await queue.start('judge-1');
    render(PendingIndicator, { queue });
    refuseNext();
    await queue.enter({ sheetId: SHEET, aspectId: 'finish', value: '2' });
    await waitFor(() => expect(count()).toBe('1 pending'));
    answer();
    await waitFor(() => expect(screen.getByText('1 refused')).toBeTruthy());
    expect(count()).toBe('All saved');
  });
});
