import { describe, expect, it } from 'vitest';
import { formatStations, parseIdList, parseStations } from './panel-draft';

describe('panel form fields', () => {
  it('reads stations as numbers and ranges, blank as every station', () => {
    expect(parseStations('')).toBeNull();
    expect(parseStations(' 1-3, 7 ')).toEqual([1, 2, 3, 7]);
    expect(parseStations('7，1～2')).toEqual([1, 2, 7]);
    expect(parseStations('3-1')).toBe('invalid');
    expect(parseStations('0')).toBe('invalid');
    expect(parseStations('A3')).toBe('invalid');
  });

  it('writes stations back compactly', () => {
    expect(formatStations(null)).toBe('');
    expect(formatStations([7, 1, 2, 3, 9, 10])).toBe('1-3, 7, 9-10');
    expect(parseStations(formatStations([4, 5, 6, 11]))).toEqual([4, 5, 6, 11]);
  });

  it('reads aspect ids, blank as every aspect', () => {
    expect(parseIdList('  ')).toBeNull();
    expect(parseIdList('finish, thread，finish')).toEqual(['finish', 'thread']);
  });
});
