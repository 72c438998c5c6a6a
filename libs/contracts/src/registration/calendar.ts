/**
 * Proleptic Gregorian calendar arithmetic on plain numbers: no Date objects and no time zones,
 * so birth dates and reference dates never shift by a day on a server in UTC.
 */

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** 'YYYY-MM-DD' for years 1000–9999. */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** A date as one comparable number: 1990-07-15 → 19900715. */
export function dateKey(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads a strict 'YYYY-MM-DD' that is a real calendar date; null otherwise. */
export function readIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isCalendarDate(year, month, day) ? { year, month, day } : null;
}

/** Like readIsoDate, for dates a caller passes in (reference dates, `today`): throws if malformed. */
export function requireIsoDate(text: string, what: string): CalendarDate {
  const date = readIsoDate(text);
  if (!date) throw new RangeError(`${what} must be a calendar date as YYYY-MM-DD, got "${text}"`);
  return date;
}

/** The civil date `days` days after 1970-01-01 (Howard Hinnant's days_from_civil inverse). */
export function civilFromDays(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const CHINA_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai: UTC+8 all year, no daylight saving since 1991
const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedToday = '';

/** Today's date in China as 'YYYY-MM-DD'; computed once per day, not once per call. */
export function chinaToday(now: number = Date.now()): string {
  const day = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS);
  if (day !== cachedDay) {
    const { year, month, day: dayOfMonth } = civilFromDays(day);
    cachedToday = formatIsoDate(year, month, dayOfMonth);
    cachedDay = day;
  }
  return cachedToday;
}
