/**
 * A calendar date (`2025-05-20`, shown as that day everywhere) or a full ISO timestamp (shown in
 * the viewer's time zone), formatted for `intlLocale`. Unparseable input is returned as is.
 */
export function formatDate(value: string, intlLocale: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(dateOnly ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  intlLocale: string,
  timeZone: string,
  parts: 'date' | 'time' | 'dateTime',
): Intl.DateTimeFormat {
  const key = `${intlLocale}|${timeZone}|${parts}`;
  let cached = dateTimeFormatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(intlLocale, {
      timeZone,
      ...(parts === 'time' ? {} : { year: 'numeric', month: 'short', day: 'numeric' }),
      ...(parts === 'date' ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    });
    dateTimeFormatters.set(key, cached);
  }
  return cached;
}

/**
 * An ISO timestamp as date and time in `timeZone` (a competition's venue time, not the
 * viewer's), formatted for `intlLocale`. Unparseable input is returned as is.
 */
export function formatDateTime(
  value: string,
  intlLocale: string,
  timeZone: string,
  parts: 'date' | 'time' | 'dateTime' = 'dateTime',
): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter(intlLocale, timeZone, parts).format(date);
}
