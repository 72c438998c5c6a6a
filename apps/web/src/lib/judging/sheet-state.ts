/**
 * What the tablet shows for one place on a sheet (an aspect, or one attempt of it): the value
 * the judge last entered and whether it is saved on the server, waiting on this device, being
 * sent, or refused. Derived from three sources, newest first: the queue on this device, the
 * acknowledgements of this visit, and the sheet as the server last sent it.
 */
import type { CurrentMark } from '@jingsai/contracts';
import type { MarkFailure } from './mark-store';
import type { QueuedSheetMark, SavedMark } from './judging-queue.svelte';

export type SlotStateName = 'empty' | 'pending' | 'sending' | 'saved' | 'failed';

export interface SlotState {
  state: SlotStateName;
  /** The value to show (the latest entered), or null when nothing was entered. */
  value: string | null;
  /** The value the server holds, when known. */
  savedValue: string | null;
  /** Why the latest entry was refused, and its key (to retry or discard it). */
  failure: MarkFailure | null;
  failedKey: string | null;
  /** Keys of entries still waiting on this device. */
  pendingKeys: string[];
}

export function slotState(
  queued: readonly QueuedSheetMark[],
  saved: SavedMark | undefined,
  server: CurrentMark | undefined,
  sending: readonly string[],
): SlotState {
  const savedValue = saved?.value ?? server?.value ?? null;
  const latest = queued.at(-1);
  const pendingKeys = queued.filter((mark) => mark.state === 'pending').map((mark) => mark.key);
  if (latest?.state === 'failed') {
    return {
      state: 'failed',
      value: latest.payload.value,
      savedValue,
      failure: latest.failure,
      failedKey: latest.key,
      pendingKeys,
    };
  }
  if (latest) {
    return {
      state: pendingKeys.some((key) => sending.includes(key)) ? 'sending' : 'pending',
      value: latest.payload.value,
      savedValue,
      failure: null,
      failedKey: null,
      pendingKeys,
    };
  }
  return {
    state: savedValue === null ? 'empty' : 'saved',
    value: savedValue,
    savedValue,
    failure: null,
    failedKey: null,
    pendingKeys,
  };
}
