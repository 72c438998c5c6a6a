import type {
  ImportView,
  OpenCompetition,
  RegistrationView,
  CompetitionSetup,
  CompetitionSummary,
  EventView,
  RoleGrant,
  RoundView,
  SessionUser,
  UserSummary,
} from '@jingsai/contracts';

export const ORG_ID = '6a1d9a3e-1111-4c3b-9c55-0a1b2c3d4e5f';
export const COMPETITION_ID = '0b7f5d2c-2222-4e8a-8f11-5d6e7f8a9b0c';
export const EVENT_ID = '1c2d3e4f-6666-4a5b-8c7d-9e0f1a2b3c4d';
export const ROUND_ID = '2d3e4f5a-7777-4b6c-9d8e-0f1a2b3c4d5e';
export const SECTOR_ID = '3e4f5a6b-8888-4c7d-8e9f-1a2b3c4d5e6f';

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

export function roundView(overrides: Partial<RoundView> = {}): RoundView {
  return {
    id: ROUND_ID,
    name: '实操决赛',
    kind: 'practical',
    level: 'province',
    sequence: 1,
    promotionQuota: null,
    rubricVersion: null,
    sessions: [],
    ...overrides,
  };
}

export function eventView(overrides: Partial<EventView> = {}): EventView {
  return {
    id: EVENT_ID,
    name: '数控车工',
    occupationCode: '6-18-01-01',
    kind: 'individual',
    competitorCount: 12,
    sectorId: SECTOR_ID,
    minTeamSize: null,
    maxTeamSize: null,
    capacity: 200,
    exclusive: false,
    quotaPerEnterprise: null,
    quotaPerRegion: null,
    eligibility: {
      minAge: null,
      maxAge: null,
      ageReferenceDate: null,
      genderCategory: 'open',
      minSkillLevel: null,
      maxSkillLevel: null,
    },
    rounds: [roundView()],
    ...overrides,
  };
}

/** The organiser's view of the reference competition (GET /competitions/:id/setup). */
export function competitionSetup(overrides: Partial<CompetitionSetup> = {}): CompetitionSetup {
  const events = overrides.events ?? [eventView()];
  return {
    ...competition({ startsOn: '2026-12-08', endsOn: '2026-12-12', year: 2026 }),
    name: '2026年吉林省“十百千”重大项目劳动和技能竞赛',
    organiserId: ORG_ID,
    description: '',
    timezone: 'Asia/Shanghai',
    registrationClosesAt: null,
    substitutionDeadline: null,
    allowedTransitions: ['registration_closed', 'draft'],
    sectors: [{ id: SECTOR_ID, name: '装备制造' }],
    ...overrides,
    events,
    eventCount: events.length,
  };
}

export const ENTERPRISE_ID = '5f6a7b8c-9999-4d0e-8f1a-2b3c4d5e6f70';
export const OTHER_ENTERPRISE_ID = '6a7b8c9d-aaaa-4e1f-9a2b-3c4d5e6f7081';
export const REGISTRATION_ID = '7b8c9d0e-bbbb-4f2a-8b3c-4d5e6f708192';
export const IMPORT_ID = '8c9d0e1f-cccc-4a3b-9c4d-5e6f708192a3';
/** A valid 居民身份证 number (check character 8): born 1990-03-07, male. */
export const RESIDENT_ID = '220102199003072318';

/** GET /public/competitions: the reference competition, open, with two enterprises. */
export function openCompetition(overrides: Partial<OpenCompetition> = {}): OpenCompetition {
  return {
    id: COMPETITION_ID,
    name: '2026年吉林省“十百千”重大项目劳动和技能竞赛',
    year: 2026,
    organiserName: '吉林省总工会',
    registrationClosesAt: '2026-11-30T16:00:00.000Z',
    events: [
      { id: EVENT_ID, name: '数控车工', kind: 'individual' },
      { id: '9d0e1f2a-dddd-4b4c-8d5e-6f708192a3b4', name: '焊工', kind: 'individual' },
    ],
    enterprises: [
      { id: ENTERPRISE_ID, name: '中国第一汽车集团有限公司', region: '长春市' },
      { id: OTHER_ENTERPRISE_ID, name: '吉林化纤集团有限责任公司', region: '吉林市' },
    ],
    ...overrides,
  };
}

export function registrationView(
  overrides: Partial<Omit<RegistrationView, 'person'>> & {
    person?: Partial<RegistrationView['person']>;
  } = {},
): RegistrationView {
  const { person, ...rest } = overrides;
  return {
    id: REGISTRATION_ID,
    competitionId: COMPETITION_ID,
    eventId: EVENT_ID,
    eventName: '数控车工',
    status: 'submitted',
    reason: null,
    source: 'self',
    candidateNumber: null,
    createdAt: '2026-11-20T02:30:00.000Z',
    updatedAt: '2026-11-20T02:30:00.000Z',
    ...rest,
    person: {
      id: 'ae0f1a2b-eeee-4c5d-9e6f-708192a3b4c5',
      name: '王建国',
      enterpriseId: ENTERPRISE_ID,
      enterpriseName: '中国第一汽车集团有限公司',
      region: '长春市',
      documentType: 'resident_id',
      documentNumber: RESIDENT_ID,
      mobile: '13812345678',
      gender: 'male',
      birthDate: '1990-03-07',
      skillLevel: 3,
      ...person,
    },
  };
}

export function importView(overrides: Partial<ImportView> = {}): ImportView {
  return {
    id: IMPORT_ID,
    competitionId: COMPETITION_ID,
    fileName: '一汽报名表.xlsx',
    status: 'validating',
    processedRows: 0,
    totalRows: 0,
    validRows: 0,
    invalidRows: 0,
    alreadyRegisteredRows: 0,
    createdRows: 0,
    issues: [],
    issueCount: 0,
    failure: null,
    createdAt: '2026-11-21T04:00:00.000Z',
    committedAt: null,
    ...overrides,
  };
}
