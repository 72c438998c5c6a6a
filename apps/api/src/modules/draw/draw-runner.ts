import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditRecord } from '../audit/audit.service';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { CompetitionSession } from '../competitions/entities/competition-session.entity';
import { Round } from '../competitions/entities/round.entity';
import { JudgingSheet } from '../judging/entities/judging-sheet.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { Team } from '../registrations/entities/team.entity';
import { DrawCapacityShortError, type DrawInput, type DrawPlacement, planDraw } from './draw-plan';
import { DrawCapacityError, NothingToDrawError, RoundStartedError } from './draw.errors';
import { Draw } from './entities/draw.entity';
import { RoundEntry } from './entities/round-entry.entity';
import { localTime } from './local-time';

/**
 * Runs the draw of a round inside the caller's transaction `tx` (and only through it): what is
 * drawn, the plan from the seed, the entries, candidate numbers and the audit record. Used by the
 * draw endpoint and by the demo seed.
 */
export async function performDraw(
  tx: EntityManager,
  roundId: string,
  seed: string,
  actorId: string,
  record: (entry: AuditRecord) => void,
): Promise<Draw> {
  // One draw of a round at a time: the second waits, then sees the first as the previous draw.
  const round = await tx.findOneOrFail(
    Round,
    { id: roundId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  await tx.populate(round, ['event', 'event.competition']);
  const event = round.event;
  const timeZone = event.competition.timezone;
  const sessions = await tx.find(
    CompetitionSession,
    { round },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
  const previous = await tx.findOne(Draw, { round, supersededAt: null });
  if (previous) await refuseIfStarted(tx, round, sessions, timeZone);

  const firstRound = (await tx.count(Round, { event, sequence: { $lt: round.sequence } })) === 0;
  // Plain SQL from here on: a round may have tens of thousands of entries, too many for the
  // unit of work. Every statement runs in `tx`'s transaction (tx.execute).
  const existing = (
    await tx.execute<Array<{ entrant: string }>>(
      `select coalesce(team_id, registration_id) as entrant from round_entry where round_id = ?`,
      [round.id],
    )
  ).map((row) => row.entrant);
  let entrants: string[];
  if (firstRound) {
    entrants =
      event.kind === 'team'
        ? await completeTeams(tx, event)
        : (
            await tx.execute<Array<{ id: string }>>(
              `select id from registration where event_id = ? and status = 'approved'`,
              [event.id],
            )
          ).map((row) => row.id);
  } else {
    entrants = existing;
  }
  if (entrants.length === 0) throw new NothingToDrawError();

  const input: DrawInput = {
    entrants: [...entrants].sort(),
    sessions: sessions.map((session) => ({
      id: session.id,
      stationCount: session.stationCount,
    })),
    numberPrefix: firstRound ? await numberPrefix(tx, event) : null,
  };
  let plan;
  try {
    plan = planDraw(seed, input);
  } catch (error) {
    if (error instanceof DrawCapacityShortError)
      throw new DrawCapacityError(error.entrants, error.capacity);
    throw error;
  }

  const now = new Date();
  if (previous) previous.supersededAt = now;
  const draw = tx.create(Draw, {
    round,
    seed,
    entryCount: plan.placements.length,
    createdBy: actorId,
    createdAt: now,
    digest: plan.digest,
    input,
  });
  await tx.flush();
  await place(tx, round, event, firstRound, plan.placements, draw);

  record({
    actorId,
    action: previous ? 'draw.redraw' : 'draw.run',
    subjectType: 'round',
    subjectId: round.id,
    before: previous ? { drawId: previous.id, seed: previous.seed, digest: previous.digest } : null,
    after: {
      drawId: draw.id,
      seed,
      digest: plan.digest,
      input,
      mapping: plan.placements,
    },
  });
  return draw;
}

/** Teams of the event that are approved, with every member approved and a size within bounds. */
async function completeTeams(tx: EntityManager, event: CompetitionEvent): Promise<string[]> {
  const teams = await tx.find(Team, { event, status: 'approved' }, { orderBy: { id: 'asc' } });
  if (teams.length === 0) return [];
  const members = await tx.find(
    Registration,
    { team: { $in: teams } },
    { fields: ['id', 'team', 'status'] },
  );
  return teams
    .filter((team) => {
      const own = members.filter((member) => member.team?.id === team.id);
      const active = own.filter((member) => member.status !== 'withdrawn');
      return (
        active.length > 0 &&
        active.every((member) => member.status === 'approved') &&
        active.length >= (event.minTeamSize ?? 1) &&
        active.length <= (event.maxTeamSize ?? Number.MAX_SAFE_INTEGER)
      );
    })
    .map((team) => team.id);
}

/** Two digits naming the event by its place in the competition (01, 02, …): 01 + 0007 → 010007. */
async function numberPrefix(tx: EntityManager, event: CompetitionEvent): Promise<string> {
  const events = await tx.find(
    CompetitionEvent,
    { competition: event.competition },
    { fields: ['id'], orderBy: { sortOrder: 'asc', name: 'asc', id: 'asc' } },
  );
  const index = events.findIndex((other) => other.id === event.id);
  return String(index + 1).padStart(2, '0');
}

async function refuseIfStarted(
  tx: EntityManager,
  round: Round,
  sessions: CompetitionSession[],
  timeZone: string,
): Promise<void> {
  const firstCheckIn = await tx.findOne(
    RoundEntry,
    { round, attendance: { $ne: 'expected' } },
    { orderBy: { checkedInAt: 'asc' } },
  );
  if (firstCheckIn)
    throw new RoundStartedError(localTime(firstCheckIn.checkedInAt ?? new Date(), timeZone));
  const start = sessions[0]?.startsAt;
  if (start && start <= new Date()) throw new RoundStartedError(localTime(start, timeZone));
  // Judging sheets are keyed by entry and codes: once judging has begun, the draw stands.
  const firstSheet = await tx.findOne(JudgingSheet, { round }, { orderBy: { createdAt: 'asc' } });
  if (firstSheet) throw new RoundStartedError(localTime(firstSheet.createdAt, timeZone));
}

/**
 * Writes the plan: codes, sessions and stations of the round's entries (creating the missing
 * ones; in a first round dropping those no longer drawn) and, in a first round, the candidate
 * numbers of the event.
 */
async function place(
  tx: EntityManager,
  round: Round,
  event: CompetitionEvent,
  firstRound: boolean,
  placements: DrawPlacement[],
  draw: Draw,
): Promise<void> {
  const column = event.kind === 'team' ? 'team_id' : 'registration_id';
  const rows = JSON.stringify(
    placements.map((p) => ({
      entrant: p.entrantId,
      code: p.anonymousCode,
      session_id: p.sessionId,
      station: p.station,
    })),
  );
  const recordset = `jsonb_to_recordset(?::jsonb) as r(entrant uuid, code text, session_id uuid, station int)`;
  // Codes are unique per round: clear the old ones first so a redraw that swaps codes between
  // entries cannot collide.
  await tx.execute(`update round_entry set anonymous_code = null where round_id = ?`, [round.id]);
  if (firstRound) {
    await tx.execute(
      `delete from round_entry e where e.round_id = ? and not exists (
         select 1 from ${recordset} where r.entrant = coalesce(e.team_id, e.registration_id))`,
      [round.id, rows],
    );
  }
  await tx.execute(
    `update round_entry e set draw_id = ?, anonymous_code = r.code, session_id = r.session_id, station = r.station
       from ${recordset}
      where e.round_id = ? and coalesce(e.team_id, e.registration_id) = r.entrant`,
    [draw.id, rows, round.id],
  );
  await tx.execute(
    `insert into round_entry (id, round_id, ${column}, draw_id, anonymous_code, session_id, station, attendance, created_at)
     select gen_random_uuid(), ?, r.entrant, ?, r.code, r.session_id, r.station, 'expected', now()
       from ${recordset}
      where not exists (select 1 from round_entry e where e.round_id = ? and e.${column} = r.entrant)`,
    [round.id, draw.id, rows, round.id],
  );
  if (firstRound) {
    const table = event.kind === 'team' ? 'team' : 'registration';
    await tx.execute(
      `update ${table} set candidate_number = null, updated_at = now() where event_id = ? and candidate_number is not null`,
      [event.id],
    );
    await tx.execute(
      `update ${table} t set candidate_number = r.number, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as r(id uuid, number text) where t.id = r.id`,
      [JSON.stringify(placements.map((p) => ({ id: p.entrantId, number: p.candidateNumber })))],
    );
    if (event.kind === 'team') {
      // Members carry their team's number, so each sees it on their own entry.
      await tx.execute(
        `update registration r set candidate_number = t.candidate_number, updated_at = now()
           from team t
          where r.event_id = ? and r.team_id = t.id
            and r.candidate_number is distinct from t.candidate_number`,
        [event.id],
      );
      await tx.execute(
        `update registration set candidate_number = null, updated_at = now()
          where event_id = ? and team_id is null and candidate_number is not null`,
        [event.id],
      );
    }
  }
}
