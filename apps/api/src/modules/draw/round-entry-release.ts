import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service';
import type { Registration } from '../registrations/entities/registration.entity';
import { ScoreboardChange } from '../scoreboard/entities/scoreboard-change.entity';
import { RoundEntry } from './entities/round-entry.entity';

/**
 * A registration that leaves after the draw (withdrawn, rejected) gives up its places in the
 * event's rounds. A place no judge has a sheet for is removed, freeing the station; where judging
 * has begun the entry stays, because its marks are facts that are never deleted, and is marked
 * absent, which leaves it out of ranking. Runs inside the caller's transaction.
 */
export async function releaseRoundEntries(
  tx: EntityManager,
  audit: AuditService,
  registration: Registration,
  actorId: string | null,
  why: 'withdrawn' | 'rejected',
): Promise<void> {
  const entries = await tx.find(RoundEntry, { registration }, { populate: ['round'] });
  for (const entry of entries) {
    const [sheet] = await tx.execute<Array<{ one: number }>>(
      'select 1 as one from judging_sheet where entry_id = ? limit 1',
      [entry.id],
    );
    const before = { attendance: entry.attendance, station: entry.station };
    if (sheet) {
      if (entry.attendance === 'absent') continue;
      entry.attendance = 'absent';
    } else {
      tx.remove(entry);
    }
    audit.record(
      {
        actorId,
        action: sheet ? 'round_entry.absent_after_leaving' : 'round_entry.released',
        subjectType: 'round_entry',
        subjectId: entry.id,
        before,
        after: sheet ? { attendance: 'absent', why } : { removed: true, why },
      },
      tx,
    );
    tx.create(ScoreboardChange, { eventId: registration.event.id, reason: `entry_${why}` });
  }
}
