/**
 * The panel form's text fields: stations typed as "1-10, 12" and aspect ids as "finish, thread".
 * Blank means "all" (null in the API).
 */

/** "1-3, 7" → [1, 2, 3, 7]; blank → null (every station); anything else → 'invalid'. */
export function parseStations(text: string): number[] | null | 'invalid' {
  const trimmed = text
    .trim()
    .replace(/[，、]/g, ',')
    .replace(/[－–—~～]/g, '-');
  if (trimmed === '') return null;
  const stations = new Set<number>();
  for (const part of trimmed.split(/[,\s]+/).filter((piece) => piece !== '')) {
    const range = /^(\d{1,4})(?:-(\d{1,4}))?$/.exec(part);
    if (!range) return 'invalid';
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from < 1 || to < from || to - from > 2000) return 'invalid';
    for (let station = from; station <= to; station++) stations.add(station);
  }
  return [...stations].sort((a, b) => a - b);
}

/** [1, 2, 3, 7] → "1-3, 7"; null → "" (every station). */
export function formatStations(stations: readonly number[] | null): string {
  if (stations === null || stations.length === 0) return '';
  const sorted = [...new Set(stations)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0] as number;
  let previous = start;
  for (const station of [...sorted.slice(1), Number.NaN]) {
    if (station === previous + 1) {
      previous = station;
      continue;
    }
    parts.push(start === previous ? String(start) : `${start}-${previous}`);
    start = station;
    previous = station;
  }
  return parts.join(', ');
}

/** "finish, thread" → ['finish', 'thread']; blank → null (every aspect). */
export function parseIdList(text: string): string[] | null {
  const ids = text
    .split(/[,，、\s]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return ids.length === 0 ? null : [...new Set(ids)];
}
