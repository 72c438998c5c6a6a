import { Exact } from './exact';

/** The exact number type: reading decimals, arithmetic, rounding and text, against hand results. */

const x = (value: string | number): Exact => Exact.parse(value);

describe('Exact', () => {
  it('reads decimals written as text or numbers, keeping the written decimals for display', () => {
    expect(x('7.50').toString()).toBe('7.50');
    expect(x(7.5).toString()).toBe('7.5');
    expect(x('-0.125').toString()).toBe('-0.125');
    expect(x('1e-3').toString()).toBe('0.001');
    expect(x(0.1).add(x(0.2)).toString()).toBe('0.3');
    expect(Exact.tryParse('seven')).toBeUndefined();
  });

  it('is exact where binary floating point is not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(x('0.1').add(x('0.2')).eq(x('0.3'))).toBe(true);
    expect(x('1.005').mul(x(1000)).toString()).toBe('1005.000');
    const third = Exact.ONE.div(x(3));
    expect(third.mul(x(3)).eq(Exact.ONE)).toBe(true);
    expect(third.isTerminating()).toBe(false);
    expect(third.toFixed(4)).toBe('0.3333');
  });

  it('falls back to BigInt beyond 2^53 and stays exact', () => {
    const big = x('9007199254740993'); // 2^53 + 1; squared: 2^106 + 2^54 + 1
    expect(big.add(Exact.ONE).toString()).toBe('9007199254740994');
    expect(big.mul(big).toString()).toBe('81129638414606699710187514626049');
    expect(big.mul(big).div(big).eq(big)).toBe(true);
    expect(x('0.000000001').mul(x('0.000000001')).mul(x('0.000000001')).toString()).toBe(
      '0.000000000000000000000000001',
    );
  });

  it('compares values whatever their representation', () => {
    expect(x('8.50').eq(x('8.5'))).toBe(true);
    expect(x('2').div(x('4')).eq(x('0.5'))).toBe(true);
    expect(x('-1').lt(x('0'))).toBe(true);
    expect(x('1e20').gt(x('99999999999999999999'))).toBe(true);
  });

  it.each([
    ['2.345', 2, 'half_up', '2.35'],
    ['2.345', 2, 'half_even', '2.34'],
    ['2.335', 2, 'half_even', '2.34'],
    ['-2.345', 2, 'half_up', '-2.35'],
    ['2.349', 2, 'truncate', '2.34'],
    ['2.341', 2, 'up', '2.35'],
    ['0.5', 0, 'half_even', '0'],
    ['1.5', 0, 'half_even', '2'],
    ['-0.4', 0, 'half_up', '0'],
  ] as const)('rounds %s to %i decimals %s → %s', (value, places, mode, expected) => {
    expect(x(value).round(places, mode).toString()).toBe(expected);
  });

  it('rounds fractions exactly: 2/3 to 2 decimals', () => {
    const twoThirds = x(2).div(x(3));
    expect(twoThirds.round(2, 'half_up').toString()).toBe('0.67');
    expect(twoThirds.round(2, 'truncate').toString()).toBe('0.66');
  });

  it('writes a non-terminating value with 20 decimals', () => {
    expect(x(1).div(x(7)).toString()).toBe('0.14285714285714285714');
    expect(x(1).div(x(7)).toJSON()).toBe('0.14285714285714285714');
  });

  it('keeps an unreduced fraction as given, as a rounded zero is kept (0.00 = 0/100)', () => {
    const zero = x('0.004').round(2, 'half_up');
    expect(Exact.unreduced(0, 100, 2).parts).toEqual(zero.parts);
    expect(Exact.unreduced(0, 100, 2).toString()).toBe('0.00');
    expect(Exact.unreduced(30, 100, 2).parts).toEqual([30, 100]);
    expect(Exact.unreduced(30, 100, 2).eq(x('0.3'))).toBe(true);
    expect(Exact.fraction(0, 100, 2).parts).toEqual([0, 1]);
    expect(() => Exact.unreduced(1, 0)).toThrow(RangeError);
    expect(() => Exact.unreduced(1, -3)).toThrow(RangeError);
    expect(() => Exact.unreduced(2 ** 53, 1)).toThrow(RangeError);
  });
});
