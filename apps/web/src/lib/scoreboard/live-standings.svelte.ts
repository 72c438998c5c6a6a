import type { CompetitionStandings } from '@jingsai/contracts';
import { errorMessage } from '../api';
import { scoreboardApi } from './scoreboard-api';

/** The competition's tables are fetched again at most this often while boards move. */
export const STANDINGS_MIN_GAP_MS = 2000;

/**
 * A competition's enterprise standings and award tables (built by the API from the public
 * boards), kept fresh: the page calls `changed()` whenever a board's progress arrives over the
 * socket, and the tables are fetched again at most every STANDINGS_MIN_GAP_MS, a random part of
 * it later so that a hall full of phones does not ask in the same instant. Nothing is fetched
 * while the tables are not shown (`show(false)`); a change seen meanwhile is fetched on showing.
 */
export class LiveStandings {
  standings = $state.raw<CompetitionStandings | null>(null);
  error = $state<string | null>(null);

  #shown = false;
  #stale = true;
  #lastFetch = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  #abort: AbortController | null = null;

  constructor(
    readonly competitionId: string,
    private readonly random: () => number = () => Math.random(),
  ) {}

  show(shown: boolean): void {
    this.#shown = shown;
    if (shown && this.#stale) this.#schedule(false);
  }

  /** Some board of the competition moved. */
  changed(): void {
    this.#stale = true;
    if (this.#shown) this.#schedule(true);
  }

  /** Cleanup for `$effect`. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#abort?.abort();
  }

  #schedule(spread: boolean): void {
    if (this.#timer || this.#stopped) return;
    const wait =
      Math.max(0, this.#lastFetch + STANDINGS_MIN_GAP_MS - Date.now()) +
      (spread ? (this.random() * STANDINGS_MIN_GAP_MS) / 2 : 0);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#fetch();
    }, wait);
  }

  async #fetch(): Promise<void> {
    this.#stale = false;
    this.#lastFetch = Date.now();
    this.#abort = new AbortController();
    try {
      const answer = await scoreboardApi.competitionStandings(
        this.competitionId,
        this.#abort.signal,
      );
      if (this.#stopped) return;
      if (answer.version !== this.standings?.version) this.standings = answer;
      this.error = null;
    } catch (error) {
      if (this.#stopped) return;
      this.#stale = true;
      this.error = errorMessage(error);
    }
  }
}
