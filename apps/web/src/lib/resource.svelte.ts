import { untrack } from 'svelte';

/**
 * One data fetch with its loading and error state, for `<AsyncView>`. Starting a new load
 * aborts the previous one, so a slow old answer never overwrites a newer one.
 */
export class Resource<T> {
  data = $state.raw<T | undefined>(undefined);
  error = $state.raw<unknown>(null);
  loading = $state(false);

  #fetcher: (signal: AbortSignal) => Promise<T>;
  #controller: AbortController | null = null;

  constructor(fetcher: (signal: AbortSignal) => Promise<T>) {
    this.#fetcher = fetcher;
  }

  /** Safe to call from an effect: nothing read while starting the fetch becomes a dependency. */
  load = (): Promise<void> => untrack(() => this.#load());

  abort(): void {
    this.#controller?.abort();
    this.#controller = null;
  }

  async #load(): Promise<void> {
    this.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = null;
    try {
      const data = await this.#fetcher(controller.signal);
      if (!controller.signal.aborted) this.data = data;
    } catch (error) {
      if (!controller.signal.aborted) this.error = error;
    } finally {
      if (!controller.signal.aborted) this.loading = false;
    }
  }
}
