import type { EventDocumentsStatus } from '@jingsai/contracts';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { errorBody, fakeApi } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID, grant, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const organiser = sessionUser([grant('organiser')]);
const WELDING_ID = 'c1d2e3f4-0000-4a5b-8c6d-7e8f9a0b1c2d';
const BASE = `/api/v1/competitions/${COMPETITION_ID}`;

const status: EventDocumentsStatus[] = [
  {
    eventId: EVENT_ID,
    eventName: '数控车工',
    published: true,
    resultVersion: 2,
    rows: 30,
    awarded: 6,
    certificates: 0,
    revokedCertificates: 0,
  },
  {
    eventId: WELDING_ID,
    eventName: '焊工',
    published: false,
    resultVersion: null,
    rows: 0,
    awarded: 0,
    certificates: 0,
    revokedCertificates: 0,
  },
];

describe('results documents page', () => {
  beforeEach(() => resetApp(`/competitions/${COMPETITION_ID}/documents`, organiser));

  it('offers documents only for published events', async () => {
    fakeApi({ [`GET ${BASE}/documents`]: { body: status } });
    render(App);
    const turning = await screen.findByTestId(`event-${EVENT_ID}`);
    expect(turning.textContent).toContain('第 2 版成绩 · 30 人 · 获奖 6 人');
    expect(within(turning).getByTestId('results-pdf')).toBeTruthy();
    const welding = screen.getByTestId(`event-${WELDING_ID}`);
    expect(welding.textContent).toContain('成绩未公布');
    expect(within(welding).queryByRole('button')).toBeNull();
  });

  it('issues certificates with the chosen date and reports what happened', async () => {
    const { calls } = fakeApi({
      [`GET ${BASE}/documents`]: { body: status },
      [`POST ${BASE}/events/${EVENT_ID}/certificates`]: {
        body: { issued: 5, alreadyIssued: 0, revoked: 0, skipped: 1, certificates: [] },
      },
    });
    render(App);
    const turning = await screen.findByTestId(`event-${EVENT_ID}`);
    await fireEvent.input(within(turning).getByLabelText('证书落款日期'), {
      target: { value: '2026-11-20' },
    });
    await fireEvent.click(within(turning).getByRole('button', { name: '生成证书' }));
    expect((await within(turning).findByTestId('issued')).textContent).toContain(
      '新发 5 张，已有 0 张，撤销 0 张，无姓名跳过 1 人。',
    );
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ issuedOn: '2026-11-20' });
  });

  it('shows the server’s reason when a document cannot be made', async () => {
    fakeApi({
      [`GET ${BASE}/documents`]: { body: status },
      [`GET ${BASE}/events/${EVENT_ID}/documents/results`]: errorBody(
        409,
        'results.not_published',
        '“数控车工”的成绩尚未公布，不能生成该文件',
      ),
    });
    render(App);
    const turning = await screen.findByTestId(`event-${EVENT_ID}`);
    await fireEvent.click(within(turning).getByTestId('results-xlsx'));
    expect((await within(turning).findByRole('alert')).textContent).toContain(
      '“数控车工”的成绩尚未公布，不能生成该文件',
    );
  });
});
