import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { parseRubric, type Rubric } from '@jingsai/scoring';
import { EntityNotFoundError } from '../../common/errors/domain-error';
import { noRubric } from './judging.errors';
import { sql } from './judging-sql';
import { type RubricAspect, rubricAspects } from './rubric-aspects';

/** A round with what judging needs around it, and its rubric in force. */
export interface RoundContext {
  roundId: string;
  roundName: string;
  sequence: number;
  eventId: string;
  eventName: string;
  competitionId: string;
  competitionName: string;
  phase: 'draft' | 'verified' | 'published';
  rubricVersion: number | null;
}

export interface RoundRubric {
  version: number;
  rubric: Rubric;
  aspects: RubricAspect[];
  byId: Map<string, RubricAspect>;
}

const RUBRIC_TTL_MS = 60_000;
const IN_FORCE_TTL_MS = 3_000;

/** Loads rounds and their rubrics (rubrics cached briefly: they are immutable per version). */
@Injectable()
export class RoundContextService {
  private readonly rubrics = new Map<string, { at: number; value: RoundRubric }>();
  private readonly inForce = new Map<string, { at: number; value: RoundRubric }>();

  constructor(private readonly em: EntityManager) {}

  async round(roundId: string, em: EntityManager = this.em): Promise<RoundContext> {
    const [row] = await sql<{
      round_id: string;
      round_name: string;
      sequence: number;
      event_id: string;
      event_name: string;
      competition_id: string;
      competition_name: string;
      phase: RoundContext['phase'] | null;
      rubric_version: number | null;
    }>(
      em,
      `select r.id round_id, r.name round_name, r.sequence, e.id event_id, e.name event_name,
              c.id competition_id, c.name competition_name, j.phase, r.rubric_version
         from round r join competition_event e on e.id = r.event_id
         join competition c on c.id = e.competition_id
         left join judging_round j on j.round_id = r.id
        where r.id = ?`,
      [roundId],
    );
    if (!row) throw new EntityNotFoundError('round', roundId);
    return {
      roundId: row.round_id,
      roundName: row.round_name,
      sequence: row.sequence,
      eventId: row.event_id,
      eventName: row.event_name,
      competitionId: row.competition_id,
      competitionName: row.competition_name,
      phase: row.phase ?? 'draft',
      rubricVersion: row.rubric_version,
    };
  }

  async event(
    eventId: string,
  ): Promise<{ eventId: string; eventName: string; competitionId: string }> {
    const [row] = await sql<{ id: string; name: string; competition_id: string }>(
      this.em,
      'select id, name, competition_id from competition_event where id = ?',
      [eventId],
    );
    if (!row) throw new EntityNotFoundError('event', eventId);
    return { eventId: row.id, eventName: row.name, competitionId: row.competition_id };
  }

  /** The rubric in force for the round; throws when the round has none. */
  async rubric(roundId: string, em: EntityManager = this.em): Promise<RoundRubric> {
    const found = await this.rubricOrNull(roundId, em);
    if (!found) throw noRubric();
    return found;
  }

  async rubricOrNull(roundId: string, em: EntityManager = this.em): Promise<RoundRubric | null> {
    // The round's version in force is re-read at most every few seconds on the hot path.
    const recent = this.inForce.get(roundId);
    if (recent && Date.now() - recent.at < IN_FORCE_TTL_MS) return recent.value;
    const [row] = await sql<{ version: number; rubric: unknown }>(
      em,
      `select v.version, v.rubric from round r
         join rubric_version v on v.round_id = r.id and v.version = r.rubric_version
        where r.id = ?`,
      [roundId],
    );
    if (!row) {
      this.inForce.delete(roundId);
      return null;
    }
    const key = `${roundId}:${row.version}`;
    const cached = this.rubrics.get(key);
    if (cached && Date.now() - cached.at < RUBRIC_TTL_MS) {
      this.inForce.set(roundId, { at: Date.now(), value: cached.value });
      return cached.value;
    }
    const rubric = parseRubric(row.rubric);
    const aspects = rubricAspects(rubric);
    const value: RoundRubric = {
      version: row.version,
      rubric,
      aspects,
      byId: new Map(aspects.map((aspect) => [aspect.aspect.id, aspect])),
    };
    this.rubrics.set(key, { at: Date.now(), value });
    this.inForce.set(roundId, { at: Date.now(), value });
    return value;
  }
}
