import { describe, expect, it } from 'vitest';
import { isoToWallTime, offsetMinutes, wallDate, wallTimeToIso } from './time';

describe('venue time', () => {
  it('turns a time entered for a Beijing venue into an ISO timestamp with +08:00', () => {
    expect(wallTimeToIso('2026-12-08T08:30')).toBe('2026-12-08T08:30:00+08:00');
    expect(wallTimeToIso('2026-12-08T23:59:30', 'Asia/Shanghai')).toBe('2026-12-08T23:59:30+08:00');
  });

  it('gives nothing for an incomplete or impossible time', () => {
    for (const bad of ['', '2026-12-08', '2026-02-30T08:00', '2026-12-08T24:00', '08:30']) {
      expect(wallTimeToIso(bad), bad).toBeNull();
    }
  });

  it('shows a stored instant as the venue’s wall time, whatever the device’s zone', () => {
    expect(isoToWallTime('2026-12-07T16:30:00.000Z')).toBe('2026-12-08T00:30');
    expect(wallDate('2026-12-07T16:30:00.000Z')).toBe('2026-12-08');
    expect(isoToWallTime(null)).toBe('');
    expect(isoToWallTime('not a time')).toBe('');
  });

  it('round-trips through the API form', () => {
    const iso = wallTimeToIso('2027-05-31T17:00');
    expect(iso).not.toBeNull();
    expect(isoToWallTime(new Date(iso as string).toISOString())).toBe('2027-05-31T17:00');
  });

  it('follows daylight saving in zones that have it', () => {
    expect(wallTimeToIso('2026-07-01T10:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
    expect(wallTimeToIso('2026-01-15T10:00', 'Europe/Berlin')).toBe('2026-01-15T10:00:00+01:00');
    expect(offsetMinutes(new Date('2026-12-08T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
  });
});
