import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import type { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { CompetitionSession } from '../competitions/entities/competition-session.entity';
import { Round } from '../competitions/entities/round.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { capacityOf } from './draw-plan';
import { performDraw } from './draw-runner';

/** The seed of the demo draw, as if read aloud at the public draw on 1 December 2026. */
export const DEMO_DRAW_SEED = '20261201';

/**
 * For the demo: draws the first round of `event` (creating the round and two sessions when the
 * event has none), with a fixed seed so the demo shows the same numbers every time.
 */
export async function seedDemoDraw(
  tx: EntityManager,
  event: CompetitionEvent,
  organiserId: string,
): Promise<void> {
  await tx.flush();
  let round = await tx.findOne(Round, { event }, { orderBy: { sequence: 'asc' } });
  round ??= tx.create(Round, { event, name: '实操比赛', kind: 'practical', sequence: 1 });
  const sessions = await tx.find(CompetitionSession, { round });
  const entrants = await tx.count(Registration, { event, status: 'approved' });
  const capacity = capacityOf(sessions);
  if (capacity < entrants) {
    const slots = [
      ['2026-12-08T08:30:00+08:00', '2026-12-08T11:30:00+08:00'],
      ['2026-12-08T13:30:00+08:00', '2026-12-08T16:30:00+08:00'],
    ] as const;
    const perSession = Math.max(2, Math.ceil((entrants - capacity) / slots.length));
    for (const [startsAt, endsAt] of slots)
      tx.create(CompetitionSession, {
        round,
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
        venue: '长春职业技术学院实训中心',
        stationCount: perSession,
      });
  }
  await tx.flush();
  await performDraw(tx, round.id, DEMO_DRAW_SEED, organiserId, (entry) =>
    tx.create(AuditEntry, {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    }),
  );
}
