import type {
  CastVoteRequest,
  CompetitionOverview,
  CompetitionStandings,
  EventScoreboardSettings,
  FreezeRequest,
  ScoreboardSnapshot,
  VoteSettingsRequest,
  VoteTally,
} from '@jingsai/contracts';
import { request } from '../api';

const id = encodeURIComponent;

/** The scoreboard's HTTP calls (the live part goes over the socket: live-board.svelte.ts). */
export const scoreboardApi = {
  publicStandings: (eventId: string, signal?: AbortSignal) =>
    request<ScoreboardSnapshot>('GET', `/public/events/${id(eventId)}/standings`, { signal }),
  overview: (competitionId: string, signal?: AbortSignal) =>
    request<CompetitionOverview>('GET', `/public/competitions/${id(competitionId)}/scoreboard`, {
      signal,
    }),
  competitionStandings: (competitionId: string, signal?: AbortSignal) =>
    request<CompetitionStandings>('GET', `/public/competitions/${id(competitionId)}/standings`, {
      signal,
    }),
  settings: (competitionId: string, signal?: AbortSignal) =>
    request<EventScoreboardSettings[]>(
      'GET',
      `/competitions/${id(competitionId)}/scoreboard/settings`,
      { signal },
    ),
  freeze: (competitionId: string, eventId: string, body: FreezeRequest) =>
    request<EventScoreboardSettings>(
      'PUT',
      `/competitions/${id(competitionId)}/events/${id(eventId)}/scoreboard/freeze`,
      { body },
    ),
  freezeAll: (competitionId: string, body: FreezeRequest) =>
    request<EventScoreboardSettings[]>(
      'PUT',
      `/competitions/${id(competitionId)}/scoreboard/freeze`,
      { body },
    ),
  revealNext: (competitionId: string, eventId: string) =>
    request<EventScoreboardSettings>(
      'POST',
      `/competitions/${id(competitionId)}/events/${id(eventId)}/scoreboard/reveal`,
    ),
  configureVote: (competitionId: string, eventId: string, body: VoteSettingsRequest) =>
    request<VoteTally>(
      'PUT',
      `/competitions/${id(competitionId)}/events/${id(eventId)}/scoreboard/vote`,
      { body },
    ),
  votes: (eventId: string, signal?: AbortSignal) =>
    request<VoteTally>('GET', `/public/events/${id(eventId)}/votes`, { signal }),
  vote: (eventId: string, body: CastVoteRequest) =>
    request<VoteTally>('POST', `/public/events/${id(eventId)}/votes`, { body }),
};
