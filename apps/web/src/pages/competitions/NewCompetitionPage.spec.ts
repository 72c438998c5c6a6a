import type { CreateCompetitionRequest, OrganisationNode } from '@jingsai/contracts';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fieldError } from '../../test/dom';
import { errorBody, fakeApi } from '../../test/fetch';
import { COMPETITION_ID, competitionSetup, grant, ORG_ID, sessionUser } from '../../test/fixtures';
import { resetApp } from '../../test/reset';
import NewCompetitionPage from './NewCompetitionPage.svelte';

const CITY_ID = '5a6b7c8d-9999-4e1f-8a2b-3c4d5e6f7a8b';
const ENTERPRISE_ID = '6b7c8d9e-aaaa-4f2a-9b3c-4d5e6f7a8b9c';

const ORGANISATIONS: OrganisationNode[] = [
  {
    id: ENTERPRISE_ID,
    name: '中国第一汽车集团',
    kind: 'enterprise',
    parentId: CITY_ID,
    region: null,
  },
  { id: CITY_ID, name: '长春市总工会', kind: 'city', parentId: ORG_ID, region: '长春' },
  { id: ORG_ID, name: '吉林省总工会', kind: 'province', parentId: null, region: '吉林' },
];

const field = (label: string): string | null => fieldError(screen.getByLabelText(label));

async function type(label: string, value: string): Promise<void> {
  await fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

async function submit(): Promise<void> {
  await fireEvent.click(screen.getByRole('button', { name: '创建竞赛' }));
}

describe('new competition', () => {
  beforeEach(() => resetApp('/competitions/new', sessionUser([grant('organiser')])));

  it('offers the unions the organiser works for, never an enterprise', async () => {
    fakeApi({ 'GET /api/v1/organisations': { body: ORGANISATIONS } });
    render(NewCompetitionPage);

    const organiser = await screen.findByLabelText('主办单位');
    expect(
      within(organiser)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['请选择主办工会…', '吉林省总工会（省级工会）', '长春市总工会（市级工会）']);
  });

  it('checks the form with the shared rules before asking the server', async () => {
    const { calls } = fakeApi({ 'GET /api/v1/organisations': { body: ORGANISATIONS } });
    render(NewCompetitionPage);
    await screen.findByLabelText('主办单位');

    await type('年度', '');
    await submit();
    expect(field('竞赛名称')).toBe('此项为必填项');
    expect(field('年度')).toBe('此项为必填项');
    expect(field('主办单位')).toBe('此项为必填项');

    await type('竞赛名称', '2027年长春市职工职业技能大赛');
    await type('年度', '1999');
    await fireEvent.change(screen.getByLabelText('主办单位'), { target: { value: CITY_ID } });
    await submit();
    expect(field('竞赛名称')).toBeNull();
    expect(field('主办单位')).toBeNull();
    expect(field('年度')).toBe('不能小于 2000');

    await type('年度', '２０２７'); // full-width digits from a Chinese keyboard are fine
    await type('开始日期', '2027-06-12');
    await type('结束日期', '2027-06-10');
    await submit();
    expect(field('年度')).toBeNull();
    expect(field('结束日期')).toBe('结束日期不能早于开始日期');

    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /api/v1/organisations',
    ]);
  });

  it('creates the competition with deadlines in Beijing time and opens its setup', async () => {
    const { calls } = fakeApi({
      'GET /api/v1/organisations': { body: ORGANISATIONS },
      'POST /api/v1/competitions': (call) => {
        const body = call.body as CreateCompetitionRequest;
        return { status: 201, body: competitionSetup({ name: body.name, status: 'draft' }) };
      },
    });
    render(NewCompetitionPage);
    await screen.findByLabelText('主办单位');

    await type('竞赛名称', '  2027年长春市职工职业技能大赛 ');
    await type('年度', '2027');
    await fireEvent.change(screen.getByLabelText('主办单位'), { target: { value: CITY_ID } });
    await type('开始日期', '2027-06-10');
    await type('结束日期', '2027-06-12');
    await type('报名截止时间', '2027-05-31T17:00');
    await submit();

    await vi.waitFor(() => expect(router.path).toBe(`/competitions/${COMPETITION_ID}/setup`));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      name: '2027年长春市职工职业技能大赛',
      year: 2027,
      organiserId: CITY_ID,
      startsOn: '2027-06-10',
      endsOn: '2027-06-12',
      registrationClosesAt: '2027-05-31T17:00:00+08:00',
      substitutionDeadline: null,
      description: '',
    });
  });

  it('picks the only union for someone who organises for one, and shows the server’s objections by field', async () => {
    fakeApi({
      'GET /api/v1/organisations': { body: [ORGANISATIONS[2]] },
      'POST /api/v1/competitions': errorBody(400, 'request.invalid', '请求内容有误', {
        issues: [{ path: 'startsOn', message: '日期格式应为 2026-12-08' }],
      }),
    });
    render(NewCompetitionPage);
    const organiser = (await screen.findByLabelText('主办单位')) as HTMLSelectElement;
    expect(organiser.value).toBe(ORG_ID);

    await type('竞赛名称', '2027年吉林省职工职业技能大赛');
    await type('开始日期', '2027-06-10');
    await submit();

    expect((await screen.findByRole('alert')).textContent).toContain('请求内容有误');
    expect(field('开始日期')).toBe('日期格式应为 2026-12-08');
    expect(router.path).toBe('/competitions/new');
  });

  it('explains that someone without a union cannot create one', async () => {
    fakeApi({ 'GET /api/v1/organisations': { body: [ORGANISATIONS[0]] } });
    render(NewCompetitionPage);
    expect((await screen.findByRole('alert')).textContent).toContain(
      '您没有可以作为主办单位的工会',
    );
    expect((screen.getByRole('button', { name: '创建竞赛' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});
