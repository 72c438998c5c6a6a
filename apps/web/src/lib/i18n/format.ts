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
