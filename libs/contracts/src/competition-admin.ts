import { z } from 'zod';
import { COMPETITION_STATUSES, CompetitionSummary, EventSummary } from './competitions';

/** Allowed status moves; an organiser can reopen registration, and nothing leaves "finished". */
export const COMPETITION_TRANSITIONS: Readonly<
  Record<(typeof COMPETITION_STATUSES)[number], readonly (typeof COMPETITION_STATUSES)[number][]>
> = {
  draft: ['registration_open'],
  registration_open: ['registration_closed', 'draft'],
  registration_closed: ['registration_open', 'running'],
  running: ['finished'],
  finished: [],
};

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, {
  message: 'must be a date like 2026-12-08 / 日期格式应为 2026-12-08',
});
const IsoDateTime = z.iso.datetime({ offset: true });
const Name = z.string().trim().min(1).max(200);

export const CreateCompetitionRequest = z
  .strictObject({
    name: Name,
    year: z.number().int().min(2000).max(2100),
    organiserId: z.uuid(),
    startsOn: IsoDate.nullable().default(null),
    endsOn: IsoDate.nullable().default(null),
    registrationClosesAt: IsoDateTime.nullable().default(null),
    substitutionDeadline: IsoDateTime.nullable().default(null),
    description: z.string().max(5000).default(''),
  })
  .refine((value) => !value.startsOn || !value.endsOn || value.startsOn <= value.endsOn, {
    path: ['endsOn'],
    message: 'must not be before the start date / 结束日期不能早于开始日期',
  });
export type CreateCompetitionRequest = z.infer<typeof CreateCompetitionRequest>;

export const UpdateCompetitionRequest = z.strictObject({
  name: Name.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  startsOn: IsoDate.nullable().optional(),
  endsOn: IsoDate.nullable().optional(),
  registrationClosesAt: IsoDateTime.nullable().optional(),
  substitutionDeadline: IsoDateTime.nullable().optional(),
  description: z.string().max(5000).optional(),
});
export type UpdateCompetitionRequest = z.infer<typeof UpdateCompetitionRequest>;

export const ChangeCompetitionStatusRequest = z.strictObject({
  status: z.enum(COMPETITION_STATUSES),
});
export type ChangeCompetitionStatusRequest = z.infer<typeof ChangeCompetitionStatusRequest>;

export const CloneCompetitionRequest = z.strictObject({
  name: Name,
  year: z.number().int().min(2000).max(2100),
});
export type CloneCompetitionRequest = z.infer<typeof CloneCompetitionRequest>;

export const SectorRequest = z.strictObject({ name: Name });
export type SectorRequest = z.infer<typeof SectorRequest>;

export const GENDER_CATEGORIES = ['open', 'male', 'female'] as const;
/** 五级 (5, 初级工) … 一级 (1, 高级技师): a lower number is a higher level. */
export const SkillLevelNumber = z.number().int().min(1).max(5);

export const Eligibility = z
  .strictObject({
    minAge: z.number().int().min(14).max(80).nullable().default(null),
    maxAge: z.number().int().min(14).max(80).nullable().default(null),
    /** Ages are counted in full years on this date (usually the first competition day). */
    ageReferenceDate: IsoDate.nullable().default(null),
    genderCategory: z.enum(GENDER_CATEGORIES).default('open'),
    /** The lowest level admitted (5 = 五级); null = any. */
    minSkillLevel: SkillLevelNumber.nullable().default(null),
    /** The highest level admitted (1 = 一级); null = any. */
    maxSkillLevel: SkillLevelNumber.nullable().default(null),
  })
  .refine(
    (value) => value.minAge === null || value.maxAge === null || value.minAge <= value.maxAge,
    {
      path: ['maxAge'],
      message: 'must be at least the minimum age / 最大年龄不能小于最小年龄',
    },
  )
  .refine(
    (value) => (value.minAge === null && value.maxAge === null) || value.ageReferenceDate !== null,
    {
      path: ['ageReferenceDate'],
      message: 'is required when an age limit is set / 设置年龄限制时须指定计算年龄的基准日期',
    },
  )
  .refine(
    (value) =>
      value.minSkillLevel === null ||
      value.maxSkillLevel === null ||
      value.maxSkillLevel <= value.minSkillLevel,
    {
      path: ['maxSkillLevel'],
      message: 'must not be below the minimum level / 最高等级不能低于最低等级',
    },
  );
export type Eligibility = z.infer<typeof Eligibility>;

export const EventRequest = z
  .strictObject({
    name: Name,
    occupationCode: z
      .string()
      .trim()
      .regex(/^\d-\d{2}-\d{2}-\d{2}(-\d{2})?$/, {
        message: 'must be an occupation code like 6-18-01-01 / 职业编码格式应为 6-18-01-01',
      })
      .nullable()
      .default(null),
    sectorId: z.uuid().nullable().default(null),
    kind: z.enum(['individual', 'team']).default('individual'),
    minTeamSize: z.number().int().min(2).max(50).nullable().default(null),
    maxTeamSize: z.number().int().min(2).max(50).nullable().default(null),
    capacity: z.number().int().min(1).max(100000).nullable().default(null),
    /** A person entered in this event may not enter another event of the competition. */
    exclusive: z.boolean().default(false),
    quotaPerEnterprise: z.number().int().min(1).nullable().default(null),
    quotaPerRegion: z.number().int().min(1).nullable().default(null),
    eligibility: Eligibility.default({
      minAge: null,
      maxAge: null,
      ageReferenceDate: null,
      genderCategory: 'open',
      minSkillLevel: null,
      maxSkillLevel: null,
    }),
  })
  .refine(
    (value) =>
      value.kind === 'individual' || (value.minTeamSize !== null && value.maxTeamSize !== null),
    {
      path: ['minTeamSize'],
      message: 'team events need a minimum and maximum team size / 团体项目须设置队伍人数上下限',
    },
  )
  .refine(
    (value) =>
      value.minTeamSize === null ||
      value.maxTeamSize === null ||
      value.minTeamSize <= value.maxTeamSize,
    {
      path: ['maxTeamSize'],
      message: 'must be at least the minimum team size / 队伍人数上限不能小于下限',
    },
  );
export type EventRequest = z.infer<typeof EventRequest>;

export const ROUND_KINDS = ['theory', 'practical', 'preliminary', 'final', 'other'] as const;
export const ROUND_LEVELS = ['enterprise', 'county', 'city', 'province'] as const;

export const RoundRequest = z.strictObject({
  name: Name,
  kind: z.enum(ROUND_KINDS),
  /** For tiered contests: the level this round is held at. */
  level: z.enum(ROUND_LEVELS).nullable().default(null),
  /** How many advance to the next round, per group; null = not a qualifying round. */
  promotionQuota: z.number().int().min(1).nullable().default(null),
  /** A rubric in the scoring engine's format (docs/rubric-format.md); validated on save. */
  rubric: z.unknown().optional(),
});
export type RoundRequest = z.infer<typeof RoundRequest>;

export const SessionRequest = z
  .strictObject({
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    venue: z.string().trim().min(1).max(200),
    stationCount: z.number().int().min(1).max(2000),
  })
  .refine((value) => value.startsAt < value.endsAt, {
    path: ['endsAt'],
    message: 'must be after the start / 结束时间须晚于开始时间',
  });
export type SessionRequest = z.infer<typeof SessionRequest>;

export const SessionView = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string(),
  stationCount: z.number().int(),
});
export type SessionView = z.infer<typeof SessionView>;

export const RoundView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ROUND_KINDS),
  level: z.enum(ROUND_LEVELS).nullable(),
  sequence: z.number().int(),
  promotionQuota: z.number().int().nullable(),
  rubricVersion: z.number().int().nullable(),
  sessions: z.array(SessionView),
});
export type RoundView = z.infer<typeof RoundView>;

export const EventView = EventSummary.extend({
  sectorId: z.uuid().nullable(),
  minTeamSize: z.number().int().nullable(),
  maxTeamSize: z.number().int().nullable(),
  capacity: z.number().int().nullable(),
  exclusive: z.boolean(),
  quotaPerEnterprise: z.number().int().nullable(),
  quotaPerRegion: z.number().int().nullable(),
  eligibility: Eligibility,
  rounds: z.array(RoundView),
});
export type EventView = z.infer<typeof EventView>;

export const CompetitionSetup = CompetitionSummary.extend({
  organiserId: z.uuid(),
  description: z.string(),
  timezone: z.string(),
  registrationClosesAt: z.string().nullable(),
  substitutionDeadline: z.string().nullable(),
  allowedTransitions: z.array(z.enum(COMPETITION_STATUSES)),
  sectors: z.array(z.object({ id: z.uuid(), name: z.string() })),
  events: z.array(EventView),
});
export type CompetitionSetup = z.infer<typeof CompetitionSetup>;

export const RubricVersionView = z.object({
  roundId: z.uuid(),
  version: z.number().int(),
  rubric: z.unknown(),
  createdAt: z.string(),
});
export type RubricVersionView = z.infer<typeof RubricVersionView>;
