import { z } from 'zod';
import { Password, Username } from './auth';
import { DocumentType, Gender, PersonInput } from './registration';

export const REGISTRATION_STATUSES = [
  'submitted',
  'approved',
  'rejected',
  'waitlisted',
  'withdrawn',
] as const;
export const RegistrationStatus = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

/** Who entered it: the competitor, their enterprise's coordinator, an organiser, or a bulk import. */
export const REGISTRATION_SOURCES = ['self', 'coordinator', 'organiser', 'import'] as const;
export type RegistrationSource = (typeof REGISTRATION_SOURCES)[number];

export const RegistrationPerson = z.object({
  id: z.uuid(),
  name: z.string(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  region: z.string().nullable(),
  documentType: DocumentType.nullable(),
  /** Masked (220102********123X) except for organisers of the competition. */
  documentNumber: z.string().nullable(),
  /** Masked (138****5678) except for organisers of the competition. */
  mobile: z.string().nullable(),
  gender: Gender.nullable(),
  birthDate: z.string().nullable(),
  skillLevel: z.number().int().nullable(),
});
export type RegistrationPerson = z.infer<typeof RegistrationPerson>;

export const RegistrationView = z.object({
  id: z.uuid(),
  competitionId: z.uuid(),
  eventId: z.uuid(),
  eventName: z.string(),
  status: RegistrationStatus,
  reason: z.string().nullable(),
  source: z.enum(REGISTRATION_SOURCES),
  candidateNumber: z.string().nullable(),
  /** The team it belongs to, in a team event. */
  teamId: z.uuid().nullable().optional(),
  teamName: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  person: RegistrationPerson,
});
export type RegistrationView = z.infer<typeof RegistrationView>;

export const CreateRegistrationRequest = z.strictObject({
  eventId: z.uuid(),
  person: PersonInput,
});
export type CreateRegistrationRequest = z.output<typeof CreateRegistrationRequest>;

export const BatchRegistrationRequest = z.strictObject({
  eventId: z.uuid(),
  people: z.array(PersonInput).min(1).max(500),
});
export type BatchRegistrationRequest = z.output<typeof BatchRegistrationRequest>;

export const SelfRegistrationRequest = z.strictObject({
  eventId: z.uuid(),
  person: PersonInput,
  username: Username,
  password: Password,
});
export type SelfRegistrationRequest = z.output<typeof SelfRegistrationRequest>;

export const ReviewRegistrationRequest = z
  .strictObject({
    decision: z.enum(['approved', 'rejected', 'waitlisted']),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .refine(
    (value) => value.decision !== 'rejected' || (value.reason !== null && value.reason.length > 0),
    {
      path: ['reason'],
      message: 'a rejection needs a reason the competitor will see / 驳回须填写理由（选手可见）',
    },
  );
export type ReviewRegistrationRequest = z.output<typeof ReviewRegistrationRequest>;

export const WithdrawRegistrationRequest = z.strictObject({
  reason: z.string().trim().max(500).nullable().default(null),
});
export type WithdrawRegistrationRequest = z.output<typeof WithdrawRegistrationRequest>;

export const RegistrationQuery = z.strictObject({
  eventId: z.uuid().optional(),
  status: RegistrationStatus.optional(),
  enterpriseId: z.uuid().optional(),
  /** Name or candidate number. */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RegistrationQuery = z.output<typeof RegistrationQuery>;

export const RegistrationPage = z.object({
  total: z.number().int(),
  items: z.array(RegistrationView),
});
export type RegistrationPage = z.infer<typeof RegistrationPage>;

/** For the public self-registration page: what is open, and which enterprises can enter. */
export const OpenCompetition = z.object({
  id: z.uuid(),
  name: z.string(),
  year: z.number().int(),
  organiserName: z.string(),
  registrationClosesAt: z.string().nullable(),
  events: z.array(
    z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['individual', 'team']) }),
  ),
  enterprises: z.array(z.object({ id: z.uuid(), name: z.string(), region: z.string().nullable() })),
});
export type OpenCompetition = z.infer<typeof OpenCompetition>;
