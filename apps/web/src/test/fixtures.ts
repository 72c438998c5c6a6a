import type { CompetitionSummary, RoleGrant, SessionUser, UserSummary } from '@jingsai/contracts';

export const ORG_ID = '6a1d9a3e-1111-4c3b-9c55-0a1b2c3d4e5f';
export const COMPETITION_ID = '0b7f5d2c-2222-4e8a-8f11-5d6e7f8a9b0c';

export function grant(role: RoleGrant['role'], overrides: Partial<RoleGrant> = {}): RoleGrant {
  if (role === 'platform_admin') {
    return { role, scopeType: 'platform', scopeId: null, scopeName: null, ...overrides };
  }
  return {
    role,
    scopeType: 'organisation',
    scopeId: ORG_ID,
    scopeName: '吉林省总工会',
    ...overrides,
  };
}

export function sessionUser(roles: RoleGrant[], overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: '9c0e1f2a-3333-4b5c-8d6e-7f8091a2b3c4',
    username: 'zhang.wei',
    displayName: '张伟',
    mustChangePassword: false,
    roles,
    ...overrides,
  };
}

export function competition(overrides: Partial<CompetitionSummary> = {}): CompetitionSummary {
  return {
    id: COMPETITION_ID,
    name: '吉林省“十百千”重大项目劳动和技能竞赛',
    year: 2025,
    status: 'registration_open',
    organiserName: '吉林省总工会',
    startsOn: '2025-05-10',
    endsOn: '2025-10-31',
    eventCount: 3,
    ...overrides,
  };
}

export function userSummary(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: '4d5e6f70-4444-4a1b-9c2d-3e4f5a6b7c8d',
    username: 'li.na',
    displayName: '李娜',
    disabled: false,
    roles: [
      grant('judge', { scopeType: 'competition', scopeId: COMPETITION_ID, scopeName: '十百千' }),
    ],
    createdAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  };
}
