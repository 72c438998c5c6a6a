import fc from 'fast-check';
import { maskMobile, parseMobile } from './mobile';

const value = (input: string) => {
  const result = parseMobile(input);
  return result.ok ? result.value : result.error.code;
};

describe('parseMobile', () => {
  it.each([
    ['13812345678'],
    ['138 1234 5678'],
    ['138-1234-5678'],
    ['+86 138 1234 5678'],
    ['+86-13812345678'],
    ['(+86) 138-1234-5678'],
    ['0086 13812345678'],
    ['8613812345678'],
    ['１３８１２３４５６７８'],
    ['＋８６　１３８１２３４５６７８'],
  ])('reads %p as 13812345678', (input) => {
    expect(value(input)).toBe('13812345678');
  });

  it('accepts every prefix from 13 to 19', () => {
    for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) {
      expect(value(`${prefix}912345678`)).toBe(`${prefix}912345678`);
    }
  });

  it('says how many digits there are', () => {
    const result = parseMobile('1381234567');
    expect(!result.ok && result.error.message['zh-CN']).toBe('手机号应为 11 位数字，现为 10 位');
    expect(value('138123456789')).toBe('mobile.length');
  });

  it('rejects landlines and other prefixes with the prefix found', () => {
    const result = parseMobile('04318888888');
    expect(!result.ok && result.error.params).toEqual({ prefix: '04' });
    expect(value('12812345678')).toBe('mobile.prefix');
    expect(value('23812345678')).toBe('mobile.prefix');
  });

  it('quotes the character that is not a digit, as typed', () => {
    const result = parseMobile('138l2345678');
    expect(!result.ok && result.error.params).toEqual({ character: 'l' });
  });

  it('explains foreign numbers, empty cells and Excel scientific notation', () => {
    expect(value('+852 9123 4567')).toBe('mobile.not_mainland');
    expect(value('  ')).toBe('mobile.empty');
    expect(value('1.38123E+10')).toBe('mobile.scientific_notation');
  });

  it('normalises any formatting of any valid number to the same 11 digits', () => {
    const number = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
      .map(([second, rest]) => `1${second}${rest}`);
    const prefix = fc.constantFrom('', '+86', '+86 ', '0086', '86', '(+86)');
    const separator = fc.constantFrom('', ' ', '-', '\u3000');
    const fullWidth = fc.boolean();
    fc.assert(
      fc.property(number, prefix, separator, fullWidth, (digits, before, between, wide) => {
        let typed = `${before}${digits.slice(0, 3)}${between}${digits.slice(3, 7)}${between}${digits.slice(7)}`;
        if (wide)
          typed = typed.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        expect(value(typed)).toBe(digits);
      }),
    );
  });
});

describe('maskMobile', () => {
  it('keeps the first 3 and the last 4 digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});
