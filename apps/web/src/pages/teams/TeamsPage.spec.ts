import type { OrganisationDetail, SessionUser, TeamView } from '@jingsai/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { fieldError } from '../../test/dom';
import { errorBody, fakeApi, type FakeReply, type RecordedCall } from '../../test/fetch';
import {
  COMPETITION_ID,
  competition,
  ENTERPRISE_ID,
  EVENT_ID,
  grant,
  registrationView,
  sessionUser,
} from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const PAGE_PATH = `/competitions/${COMPETITION_ID}/teams`;
const TEAMS = `/api/v1/competitions/${COMPETITION_ID}/teams`;
const TEAM_ID = 'c1d2e3f4-dddd-4a5b-8c7d-9e0f1a2b3c4d';
const MEMBER_A = 'd1d2e3f4-eeee-4a5b-8c7d-9e0f1a2b3c4d';
const MEMBER_B = 'e1d2e3f4-ffff-4a5b-8c7d-9e0f1a2b3c4d';
const CANDIDATE = 'f1d2e3f4-1111-4a5b-8c7d-9e0f1a2b3c4d';

const coordinator = sessionUser([
  grant('coordinator', { scopeId: ENTERPRISE_ID, scopeName: '中国第一汽车集团有限公司' }),
]);
const organiser = sessionUser([grant('organiser')]);

const enterprise: OrganisationDetail = {
  id: ENTERPRISE_ID,
  name: '中国第一汽车集团有限公司',
  kind: 'enterprise',
  parentId: null,
  region: '吉林省长春市',
  industry: null,
  creditCode: null,
  childCount: 0,
  manageable: false,
  canAddChildren: false,
};

function team(overrides: Partial<TeamView> = {}): TeamView {
  return {
    id: TEAM_ID,
    competitionId: COMPETITION_ID,
    eventId: EVENT_ID,
    eventName: '安全生产知识竞赛',
    enterpriseId: ENTERPRISE_ID,
    enterpriseName: '中国第一汽车集团有限公司',
    name: '一汽安全先锋队',
    status: 'forming',
    reason: null,
    captainRegistrationId: null,
    candidateNumber: null,
    minSize: 3,
    maxSize: 4,
    complete: false,
    members: [
      {
        registrationId: MEMBER_A,
        personId: MEMBER_A,
        name: '孙丽娟',
        registrationStatus: 'submitted',
        captain: false,
      },
      {
        registrationId: MEMBER_B,
        personId: MEMBER_B,
        name: '周振宇',
        registrationStatus: 'submitted',
        captain: false,
      },
    ],
    createdAt: '2026-11-20T02:30:00.000Z',
    updatedAt: '2026-11-20T02:30:00.000Z',
    ...overrides,
  };
}

function renderTeams(
  user: SessionUser,
  list: () => TeamView[],
  routes: Record<string, FakeReply | ((call: RecordedCall) => FakeReply)> = {},
) {
  resetApp(PAGE_PATH, user);
  const api = fakeApi({
    [`GET /api/v1/competitions/${COMPETITION_ID}`]: {
      body: {
        ...competition(),
        events: [
          {
            id: EVENT_ID,
            name: '安全生产知识竞赛',
            occupationCode: null,
            kind: 'team',
            competitorCount: 5,
          },
        ],
      },
    },
    'GET /api/v1/organisations': { body: [enterprise] },
    [`GET ${TEAMS}`]: () => ({ body: list() }),
    ...routes,
  });
  render(App);
  return api;
}

describe('teams', () => {
  beforeEach(() => resetApp(PAGE_PATH, coordinator));

  it('lets a coordinator form a team for their own enterprise', async () => {
    const created: TeamView[] = [];
    const { calls } = renderTeams(coordinator, () => created, {
      [`POST ${TEAMS}`]: (call) => {
        const body = call.body as { name: string };
        created.push(team({ name: body.name, members: [] }));
        return { status: 201, body: created[0] };
      },
    });
    expect(await screen.findByText('还没有队伍。')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: '+ 新建队伍' }));
    // One team event and one enterprise: both chosen already; the name is required.
    await fireEvent.click(screen.getByRole('button', { name: '创建队伍' }));
    expect(fieldError(screen.getByLabelText('队名'))).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('队名'), { target: { value: '一汽二队' } });
    await fireEvent.click(screen.getByRole('button', { name: '创建队伍' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'POST')!.body).toMatchObject({
      eventId: EVENT_ID,
      enterpriseId: ENTERPRISE_ID,
      name: '一汽二队',
    });
    const card = await screen.findByRole('article', { name: '一汽二队' });
    expect(within(card).getByText('组建中')).toBeTruthy();
  });

  it('adds a member, names a captain and shows why a short team cannot be submitted', async () => {
    let current = team();
    const { calls } = renderTeams(coordinator, () => [current], {
      [`GET /api/v1/competitions/${COMPETITION_ID}/registrations`]: {
        body: {
          total: 3,
          items: [
            registrationView({ id: MEMBER_A, teamId: TEAM_ID, person: { name: '孙丽娟' } }),
            registrationView({ id: CANDIDATE, teamId: null, person: { name: '吴晓梅' } }),
            registrationView({ id: MEMBER_B, status: 'withdrawn', person: { name: '退出者' } }),
          ],
        },
      },
      [`POST ${TEAMS}/${TEAM_ID}/members`]: () => {
        current = team({
          members: [
            ...team().members,
            {
              registrationId: CANDIDATE,
              personId: CANDIDATE,
              name: '吴晓梅',
              registrationStatus: 'submitted',
              captain: false,
            },
          ],
        });
        return { body: current };
      },
      [`PATCH ${TEAMS}/${TEAM_ID}`]: (call) => {
        const captain = (call.body as { captainRegistrationId: string }).captainRegistrationId;
        current = {
          ...current,
          captainRegistrationId: captain,
          members: current.members.map((m) => ({ ...m, captain: m.registrationId === captain })),
        };
        return { body: current };
      },
      [`POST ${TEAMS}/${TEAM_ID}/submit`]: errorBody(
        409,
        'team.invalid',
        '队伍操作未完成：1 项问题',
        {
          issues: [{ path: 'members', message: '队伍须有 3–4 人，现有 2 人' }],
        },
      ),
    });
    const card = await screen.findByRole('article', { name: '一汽安全先锋队' });
    expect(within(card).getByText(/2 人（须 3–4 人）/)).toBeTruthy();
    expect(within(card).getByText('尚不完整：须满足人数并指定队长')).toBeTruthy();

    await fireEvent.click(within(card).getByRole('button', { name: '+ 添加队员' }));
    // Only entries in no team and not withdrawn are offered.
    const select = await within(card).findByLabelText('选择本企业该项目的报名人员');
    const options = [...(select as HTMLSelectElement).options].map((option) => option.text);
    expect(options).toEqual(['请选择', '吴晓梅']);
    await fireEvent.change(select, { target: { value: CANDIDATE } });
    await fireEvent.click(within(card).getByRole('button', { name: '加入' }));
    await waitFor(() =>
      expect(calls.find((call) => call.path.endsWith('/members'))?.body).toEqual({
        registrationId: CANDIDATE,
      }),
    );

    const updated = await screen.findByRole('article', { name: '一汽安全先锋队' });
    const makeCaptain = await within(updated).findByRole<HTMLButtonElement>('button', {
      name: '设为队长 孙丽娟',
    });
    await waitFor(() => expect(makeCaptain.disabled).toBe(false));
    await fireEvent.click(makeCaptain);
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({
        captainRegistrationId: MEMBER_A,
      }),
    );
    expect(await screen.findByText('队长')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: '提交审核' }));
    expect(await screen.findByText(/队伍须有 3–4 人，现有 2 人/)).toBeTruthy();
  });

  it('lets organisers approve a submitted team; coordinators only see its state', async () => {
    const submitted = team({
      status: 'submitted',
      complete: true,
      captainRegistrationId: MEMBER_A,
    });
    renderTeams(coordinator, () => [submitted]);
    const card = await screen.findByRole('article', { name: '一汽安全先锋队' });
    expect(within(card).getByText('待审核')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: '通过' })).toBeNull();

    let current = submitted;
    const { calls } = renderTeams(organiser, () => [current], {
      [`POST ${TEAMS}/${TEAM_ID}/review`]: () => {
        current = { ...submitted, status: 'approved' };
        return { body: current };
      },
    });
    const organiserCard = await screen.findByRole('article', { name: '一汽安全先锋队' });
    await fireEvent.click(within(organiserCard).getByRole('button', { name: '通过' }));
    await waitFor(() =>
      expect(calls.find((call) => call.path.endsWith('/review'))?.body).toEqual({
        decision: 'approved',
        reason: null,
      }),
    );
    expect(await screen.findByText('已通过')).toBeTruthy();
  });
});
