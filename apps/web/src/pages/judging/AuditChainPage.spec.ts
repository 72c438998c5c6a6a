import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { fakeApi } from '../../test/fetch';
import { EVENT_ID, grant, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const VERIFY = `GET /api/v1/judging/events/${EVENT_ID}/audit/verify`;
const organiser = sessionUser([grant('organiser')]);

describe('audit chain verification', () => {
  beforeEach(() => resetApp(`/judging/events/${EVENT_ID}/audit`, organiser));

  it('reports an intact chain', async () => {
    const { calls } = fakeApi({
      [VERIFY]: {
        body: {
          eventId: EVENT_ID,
          ok: true,
          rows: 1284,
          headSeq: 1284,
          headHash: 'f3a9c0',
          checkedAt: '2026-05-20T08:00:00.000Z',
          problems: [],
        },
      },
    });
    render(App);
    expect(calls.some((call) => call.path.endsWith('/audit/verify'))).toBe(false); // only on request
    await fireEvent.click(await screen.findByTestId('audit-run'));
    const outcome = await screen.findByTestId('audit-outcome');
    expect(outcome.dataset['ok']).toBe('true');
    expect(outcome.textContent).toContain('审计链完整：已校验 1284 条记录，未发现篡改或删除。');
  });

  it('lists every altered or deleted row it found', async () => {
    fakeApi({
      [VERIFY]: {
        body: {
          eventId: EVENT_ID,
          ok: false,
          rows: 1283,
          headSeq: 1284,
          headHash: 'f3a9c0',
          checkedAt: '2026-05-20T08:00:00.000Z',
          problems: [
            {
              kind: 'altered',
              seq: 17,
              table: 'judging_mark',
              rowId: 'eeeeeeee-0000-4000-8000-000000000017',
              message: {
                zh: '第 17 条评分的内容与哈希不符',
                en: 'mark 17 does not match its hash',
              },
            },
            {
              kind: 'deleted',
              seq: 18,
              table: 'judging_mark',
              rowId: null,
              message: { zh: '第 18 条记录缺失', en: 'row 18 is missing' },
            },
          ],
        },
      },
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('audit-run'));
    const outcome = await screen.findByTestId('audit-outcome');
    expect(outcome.dataset['ok']).toBe('false');
    expect(within(outcome).getByRole('alert').textContent).toBe('审计链已被破坏：发现 2 个问题。');
    const problems = screen.getAllByTestId('audit-problem').map((row) => row.textContent);
    expect(problems[0]).toContain('被修改');
    expect(problems[0]).toContain('第 17 条评分的内容与哈希不符');
    expect(problems[1]).toContain('被删除');
  });

  it('is only for organisers and administrators', async () => {
    resetApp(`/judging/events/${EVENT_ID}/audit`, sessionUser([grant('judge')]));
    fakeApi({ 'GET /api/v1/judging/me/queue': { body: { rounds: [] } } });
    render(App);
    expect(await screen.findByText('无权访问')).toBeTruthy();
  });
});
