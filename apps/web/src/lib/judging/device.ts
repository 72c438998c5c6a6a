/**
 * A name for this tablet, sent with every mark and sheet submission so the audit trail shows
 * which device entered what. Kept in localStorage; a browser that refuses storage gets a new
 * one per visit (still unique, only less useful).
 */
export const DEVICE_STORAGE_KEY = 'jingsai.judging.deviceId';

let fallback: string | null = null;

export function deviceId(): string {
  try {
    const stored = globalThis.localStorage?.getItem(DEVICE_STORAGE_KEY);
    if (stored) return stored;
    const created = newDeviceId();
    globalThis.localStorage?.setItem(DEVICE_STORAGE_KEY, created);
    return created;
  } catch {
    fallback ??= newDeviceId();
    return fallback;
  }
}

function newDeviceId(): string {
  return `tablet-${globalThis.crypto.randomUUID()}`;
}

/** Now as ISO 8601, for the `clientTime` the API records beside its own time. */
export function nowIso(): string {
  return new Date().toISOString();
}
