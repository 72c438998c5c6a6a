import { type Rounding, scoreEvent } from '../../src';
import { entryOf, eventMarks, rubricWithAspects } from '../support/builders';

/** Rounding is explicit per node: decimals or a step, and a mode. */

function rounded(value: string, round: Rounding): string | undefined {
  const rubric = rubricWithAspects([
    { id: 'a', name: { zh: 'a', en: 'a' }, kind: 'imported', round },
  ]);
  return entryOf(
    scoreEvent(rubric, eventMarks(['X'], [{ entry: 'X', aspect: 'a', value }])),
    'X',
  ).total?.toString();
}

describe('rounding modes', () => {
  it.each([
    // value, decimals, mode, expected — worked out by hand
    ['2.345', 2, 'half_up', '2.35'],
    ['2.344', 2, 'half_up', '2.34'],
    ['-2.345', 2, 'half_up', '-2.35'], // half away from zero (四舍五入 on the magnitude)
    ['2.345', 2, 'half_even', '2.34'], // 4 is even
    ['2.355', 2, 'half_even', '2.36'], // 6 is even
    ['2.3451', 2, 'half_even', '2.35'], // above the half
    ['2.349', 2, 'truncate', '2.34'],
    ['-2.349', 2, 'truncate', '-2.34'], // towards zero
    ['2.341', 2, 'up', '2.35'],
    ['-2.341', 2, 'up', '-2.35'], // away from zero
    ['7.5', 0, 'half_up', '8'],
    ['8.5', 0, 'half_even', '8'],
    ['2.3', 2, 'half_up', '2.30'], // shown with the decimals it is rounded to
  ] as const)('%s to %i decimals, %s → %s', (value, decimals, mode, expected) => {
    expect(rounded(value, { decimals, mode })).toBe(expected);
  });

  it.each([
    ['7.25', 'half_up', '7.5'],
    ['7.24', 'half_up', '7.0'],
    ['7.25', 'half_even', '7.0'], // 14.5 halves → 14 (even) × 0.5
    ['7.49', 'truncate', '7.0'],
  ] as const)('%s to a multiple of 0.5, %s → %s', (value, mode, expected) => {
    expect(rounded(value, { step: '0.5', mode })).toBe(expected);
  });
});
