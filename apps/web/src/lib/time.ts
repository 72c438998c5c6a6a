/**
 * Wall-clock time in a competition's time zone (Asia/Shanghai, 北京时间) and back, whatever the
 * time zone of the device: an organiser in Urumqi or on a laptop set to UTC still enters and
 * reads the times of the venue. Inputs use the `datetime-local` form `2026-12-08T08:30`; the API
 * takes ISO timestamps with the offset (`2026-12-08T08:30:00+08:00`).
 */

/** Where every competition runs unless it says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function wallParts(instant: Date, timeZone: string): WallParts {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Minutes `timeZone` is ahead of UTC at `instant` (480 for Beijing). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const wall = wallParts(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (value: number): string => String(value).padStart(2, '0');

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/**
 * A wall time in `timeZone` (`2026-12-08T08:30`) as an ISO timestamp with that zone's offset
 * (`2026-12-08T08:30:00+08:00`); null when the text is not a complete date and time.
 */
export function wallTimeToIso(
  wallTime: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): string | null {
  const match = WALL_TIME.exec(wallTime.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23) {
    return null; // 2026-02-30, 25:00…
  }
  // The offset at that moment; asked twice so a wall time next to a DST change lands right.
  let offset = offsetMinutes(new Date(asUtc), timeZone);
  offset = offsetMinutes(new Date(asUtc - offset * 60_000), timeZone);
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${pad(second)}${offsetText(offset)}`;
}

/** An ISO timestamp as a `datetime-local` value in `timeZone`; '' for nothing or nonsense. */
export function isoToWallTime(
  iso: string | null | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  if (!iso) return '';
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return '';
  const wall = wallParts(instant, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The calendar day (`2026-12-08`) of an instant in `timeZone`. */
export function wallDate(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return isoToWallTime(iso, timeZone).slice(0, 10);
}
