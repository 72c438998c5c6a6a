import type {
  CheckInCard,
  CheckInPerson,
  CheckInProgress,
  MarkAttendanceRequest,
} from '@jingsai/contracts';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, EntityNotFoundError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { CompetitionSession } from '../competitions/entities/competition-session.entity';
import type { Round } from '../competitions/entities/round.entity';
import { RoundNotDrawnError } from '../draw/draw.errors';
import { sessionView } from '../draw/draw.service';
import { RoundEntry } from '../draw/entities/round-entry.entity';
import { RoundAccessService } from '../draw/round-access.service';
import { Registration } from '../registrations/entities/registration.entity';
import { ScoreboardChange } from '../scoreboard/entities/scoreboard-change.entity';
import { PersonPhoto } from './entities/person-photo.entity';

export class CandidateNotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'check_in.not_found';

  constructor(number: string) {
    super({ number });
  }
}

/**
 * What a barcode scanner or a hurried hand types: full-width digits and letters (from a Chinese
 * input method), spaces and lower case are all read as the plain candidate number.
 */
export function normaliseCandidateNumber(typed: string): string {
  return typed
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

/**
 * Check-in (检录) on the day: find an entry by candidate number, show who it is (photo and
 * masked document) and mark present or absent, or undo. Each change is audited and leaves an
 * outbox row so the standings leave absent entries out.
 */
@Injectable()
export class CheckInService {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundAccessService,
    private readonly audit: AuditService,
  ) {}

  async findByCandidateNumber(
    _user: AuthUser,
    competitionId: string,
    roundId: string,
    typed: string,
  ): Promise<CheckInCard> {
    const round = await this.rounds.loadRound(competitionId, roundId);
    const number = normaliseCandidateNumber(typed);
    const entry = await this.em.findOne(RoundEntry, {
      round,
      $or: [{ registration: { candidateNumber: number } }, { team: { candidateNumber: number } }],
    });
    if (!entry) throw new CandidateNotFoundError(number);
    return this.card(round, entry);
  }

  async markAttendance(
    user: AuthUser,
    competitionId: string,
    roundId: string,
    entryId: string,
    dto: MarkAttendanceRequest,
  ): Promise<CheckInCard> {
    const round = await this.rounds.loadRound(competitionId, roundId);
    const entry = await this.em.transactional(async (tx) => {
      const found = await tx.findOne(
        RoundEntry,
        { id: entryId, round: round.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!found) throw new EntityNotFoundError('entry', entryId);
      if (!found.draw || !found.session) throw new RoundNotDrawnError();
      if (found.attendance === dto.attendance) return found;
      const before = {
        attendance: found.attendance,
        checkedInAt: found.checkedInAt?.toISOString() ?? null,
      };
      found.attendance = dto.attendance;
      found.checkedInAt = dto.attendance === 'expected' ? null : new Date();
      found.checkedInBy = dto.attendance === 'expected' ? null : user.id;
      tx.create(ScoreboardChange, {
        eventId: round.event.id,
        reason: 'check_in',
        createdAt: new Date(),
      });
      this.audit.record(
        {
          actorId: user.id,
          action: dto.attendance === 'expected' ? 'check_in.undo' : 'check_in.mark',
          subjectType: 'round_entry',
          subjectId: found.id,
          before,
          after: {
            attendance: found.attendance,
            checkedInAt: found.checkedInAt?.toISOString() ?? null,
          },
        },
        tx,
      );
      return found;
    });
    return this.card(round, entry);
  }

  async progress(
    _user: AuthUser,
    competitionId: string,
    roundId: string,
  ): Promise<CheckInProgress> {
    const round = await this.rounds.loadRound(competitionId, roundId);
    const sessions = await this.em.find(
      CompetitionSession,
      { round },
      { orderBy: { startsAt: 'asc', id: 'asc' } },
    );
    const counts: Array<{ session_id: string; attendance: string; count: string }> = await this.em
      .getConnection()
      .execute(
        `select session_id, attendance, count(*) as count from round_entry
         where round_id = ? and draw_id is not null and session_id is not null
         group by session_id, attendance`,
        [round.id],
      );
    return {
      roundId: round.id,
      sessions: sessions.map((session) => {
        const of = (attendance: string) =>
          Number(
            counts.find((row) => row.session_id === session.id && row.attendance === attendance)
              ?.count ?? 0,
          );
        const expected = of('expected');
        const present = of('present');
        const absent = of('absent');
        return {
          session: sessionView(session),
          expected,
          present,
          absent,
          total: expected + present + absent,
        };
      }),
    };
  }

  private async card(round: Round, entry: RoundEntry): Promise<CheckInCard> {
    await this.em.populate(entry, ['session', 'registration.person.enterprise', 'team.enterprise']);
    const registrations = entry.team
      ? await this.em.find(
          Registration,
          { team: entry.team, status: 'approved' },
          { populate: ['person.enterprise'], orderBy: { person: { name: 'asc' } } },
        )
      : entry.registration
        ? [entry.registration]
        : [];
    const photos = new Set(
      (
        await this.em.find(
          PersonPhoto,
          { person: { $in: registrations.map((registration) => registration.person.id) } },
          { fields: ['id', 'person'] },
        )
      ).map((photo) => photo.person.id),
    );
    const people = registrations.map(({ person }): CheckInPerson => ({
      personId: person.id,
      name: person.name,
      enterpriseName: person.enterprise?.name ?? null,
      documentType: person.documentType,
      documentMasked: person.documentMasked,
      hasPhoto: photos.has(person.id),
    }));
    return {
      entryId: entry.id,
      roundId: round.id,
      eventName: round.event.name,
      roundName: round.name,
      candidateNumber: entry.team?.candidateNumber ?? entry.registration?.candidateNumber ?? '',
      teamName: entry.team?.name ?? null,
      people,
      session: entry.session ? sessionView(entry.session) : null,
      station: entry.station,
      attendance: entry.attendance,
      checkedInAt: entry.checkedInAt?.toISOString() ?? null,
    };
  }
}
