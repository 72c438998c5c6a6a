import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { sql } from './judging-sql';

/** A small practical rubric: a judged quality (2 judges, spread limit 3), a pass/fail gauge, deductions. */
export const PRACTICAL_RUBRIC = {
  format: 'jingsai.rubric',
  version: 1,
  id: 'cnc-practical',
  revision: '2026-1',
  name: { zh: '数控车工实操', en: 'CNC turning practical' },
  total: { round: { decimals: 2, mode: 'half_up' } },
  modules: [
    {
      id: 'practical',
      name: { zh: '实操', en: 'Practical' },
      criteria: [
        {
          id: 'workpiece',
          name: { zh: '工件', en: 'Workpiece' },
          aspects: [
            {
              id: 'quality',
              name: { zh: '加工质量', en: 'Quality' },
              kind: 'judgement',
              scale: { min: 0, top: 10, step: 0.5 },
              valuation: 'as_marked',
              panel: { method: 'mean', judges: 2, spreadLimit: 3 },
            },
            {
              id: 'thread',
              name: { zh: '螺纹规', en: 'Thread gauge' },
              kind: 'measurement',
              max: 5,
              rule: { type: 'pass_fail' },
              panel: { method: 'mean', judges: 2 },
            },
            {
              id: 'safety',
              name: { zh: '安全扣分', en: 'Safety' },
              kind: 'deduction',
              perOccurrence: 2,
              cap: 6,
              panel: { method: 'mean', judges: 2 },
            },
          ],
        },
      ],
    },
  ],
  awards: { tiers: [{ id: 'gold', name: { zh: '金奖', en: 'Gold' }, count: 1 }] },
  advancement: { top: 2 },
};

/** Inserts a round (with its rubric) directly, as competition setup would. */
export async function insertRound(
  em: EntityManager,
  eventId: string,
  options: { sequence?: number; rubric?: unknown; name?: string } = {},
): Promise<string> {
  const roundId = randomUUID();
  await sql(
    em,
    `insert into round (id, event_id, name, kind, sequence, rubric_version) values (?, ?, ?, 'practical', ?, ?)`,
    [
      roundId,
      eventId,
      options.name ?? '实操',
      options.sequence ?? 1,
      options.rubric === null ? null : 1,
    ],
  );
  if (options.rubric !== null) {
    await sql(
      em,
      `insert into rubric_version (id, round_id, version, rubric, created_at) values (?, ?, 1, ?::jsonb, now())`,
      [randomUUID(), roundId, JSON.stringify(options.rubric ?? PRACTICAL_RUBRIC)],
    );
  }
  return roundId;
}

/** A competitor of an enterprise entered into a round with an anonymous code and a station. */
export async function insertEntry(
  em: EntityManager,
  params: {
    competitionId: string;
    eventId: string;
    roundId: string;
    enterpriseId: string | null;
    code: string;
    station: number;
    name?: string;
    candidateNumber?: string;
    personUserId?: string | null;
  },
): Promise<{ entryId: string; registrationId: string; personId: string }> {
  const personId = randomUUID();
  const registrationId = randomUUID();
  const entryId = randomUUID();
  await sql(
    em,
    `insert into person (id, name, enterprise_id, user_id, created_at) values (?, ?, ?, ?, now())`,
    [
      personId,
      params.name ?? `选手${params.code}`,
      params.enterpriseId,
      params.personUserId ?? null,
    ],
  );
  await sql(
    em,
    `insert into registration (id, competition_id, event_id, person_id, status, source, candidate_number, created_at, updated_at)
     values (?, ?, ?, ?, 'approved', 'organiser', ?, now(), now())`,
    [
      registrationId,
      params.competitionId,
      params.eventId,
      personId,
      params.candidateNumber ?? `C${params.code}`,
    ],
  );
  await sql(
    em,
    `insert into round_entry (id, round_id, registration_id, anonymous_code, station, attendance, created_at)
     values (?, ?, ?, ?, ?, 'present', now())`,
    [entryId, params.roundId, registrationId, params.code, params.station],
  );
  return { entryId, registrationId, personId };
}
