import { z } from 'zod';

export const COMPETITION_STATUSES = [
  'draft',
  'registration_open',
  'registration_closed',
  'running',
  'finished',
] as const;
export const CompetitionStatus = z.enum(COMPETITION_STATUSES);
export type CompetitionStatus = z.infer<typeof CompetitionStatus>;

export const EventSummary = z.object({
  id: z.string().uuid(),
  name: z.string(),
  occupationCode: z.string().nullable(),
  kind: z.enum(['individual', 'team']),
  competitorCount: z.number().int(),
});
export type EventSummary = z.infer<typeof EventSummary>;

export const CompetitionSummary = z.object({
  id: z.string().uuid(),
  name: z.string(),
  year: z.number().int(),
  status: CompetitionStatus,
  organiserName: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  eventCount: z.number().int(),
});
export type CompetitionSummary = z.infer<typeof CompetitionSummary>;

export const CompetitionDetail = CompetitionSummary.extend({
  events: z.array(EventSummary),
});
export type CompetitionDetail = z.infer<typeof CompetitionDetail>;

export const ORGANISATION_KINDS = ['province', 'city', 'county', 'enterprise'] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const OrganisationNode = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: OrganisationKind,
  parentId: z.string().uuid().nullable(),
  region: z.string().nullable(),
});
export type OrganisationNode = z.infer<typeof OrganisationNode>;
