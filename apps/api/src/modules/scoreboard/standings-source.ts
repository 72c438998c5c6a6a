import type { EventStandings, StandingsView } from '@jingsai/contracts';

/**
 * Where the scoreboard gets an event's standings: the judging module's StandingsService
 * (`standings(eventId, view)`), bound in ScoreboardModule. The scoreboard never computes
 * results itself; it diffs what this returns and broadcasts the difference. Callers run it in
 * a RequestContext of its own (the pump and the reveal are not HTTP requests).
 */
export interface StandingsSource {
  standings(eventId: string, view: StandingsView): Promise<EventStandings>;
}

export const STANDINGS_SOURCE = Symbol('STANDINGS_SOURCE');
