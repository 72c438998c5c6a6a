import fc from 'fast-check';
import {
  NAME_MAX_LENGTH,
  normaliseCode,
  normaliseName,
  normaliseText,
  parseIntegerText,
  parseName,
} from './normalise';

describe('normaliseText', () => {
  it('turns full-width letters, digits and punctuation into half-width', () => {
    expect(normaliseText('ＡＢＣ１２３（５）！')).toBe('ABC123(5)!');
  });

  it('treats the ideographic space, non-breaking space, tabs and line breaks as one space', () => {
    expect(normaliseText('吉林\u3000石化\u00a0\u00a0公司\t\r\n二厂')).toBe('吉林 石化 公司 二厂');
  });

  it('trims and collapses runs of spaces', () => {
    expect(normaliseText('   数控  车工   ')).toBe('数控 车工');
  });

  it('removes zero-width characters and the byte-order mark WPS leaves in CSV exports', () => {
    expect(normaliseText('\ufeff焊\u200b工\u200d')).toBe('焊工');
  });

  it('returns clean text unchanged, as the same string', () => {
    const clean = '长春一汽 CNC turning';
    expect(normaliseText(clean)).toBe(clean);
    expect(normaliseText('')).toBe('');
  });

  it('is idempotent', () => {
    const messy = fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        '1',
        ' ',
        '\u3000',
        '\u00a0',
        '\t',
        '\u200b',
        '\ufeff',
        'Ａ',
        '１',
        '张',
        '·',
        '．',
      ),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), messy), (text) => {
        const once = normaliseText(text);
        expect(normaliseText(once)).toBe(once);
      }),
    );
  });
});

describe('normaliseCode', () => {
  it('removes every space and upper-cases letters', () => {
    expect(normaliseCode(' 2201 0219 8807 1512 3x ')).toBe('22010219880715123X');
    expect(normaliseCode('ｈ１２３４５６７８')).toBe('H12345678');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = normaliseCode(text);
        expect(normaliseCode(once)).toBe(once);
      }),
    );
  });
});

describe('normaliseName', () => {
  it('removes spaces between Chinese characters', () => {
    expect(normaliseName('张  三')).toBe('张三');
    expect(normaliseName(' 欧阳\u3000 娜娜 ')).toBe('欧阳娜娜');
  });

  it('keeps one middle dot in an ethnic minority name, whatever dot was typed', () => {
    expect(normaliseName('买买提·艾力')).toBe('买买提·艾力');
    expect(normaliseName('买买提 • 艾力')).toBe('买买提·艾力');
    expect(normaliseName('阿依古丽・买买提')).toBe('阿依古丽·买买提');
    expect(normaliseName('阿依古丽．买买提')).toBe('阿依古丽·买买提');
    expect(normaliseName('阿依古丽.买买提')).toBe('阿依古丽·买买提');
    expect(normaliseName('阿卜杜热合曼··买买提明 · 艾合买提江')).toBe(
      '阿卜杜热合曼·买买提明·艾合买提江',
    );
  });

  it('drops a dot at either end', () => {
    expect(normaliseName('·扎西·')).toBe('扎西');
  });

  it('keeps Latin names with single spaces and their full stops', () => {
    expect(normaliseName('  John   F.  Kennedy ')).toBe('John F. Kennedy');
    expect(normaliseName('Ｍａｒｙ Ｓｍｉｔｈ')).toBe('Mary Smith');
  });

  it('keeps the space between a Chinese and a Latin part', () => {
    expect(normaliseName('王 David')).toBe('王 David');
  });

  it('handles characters outside the basic plane (rare characters in names)', () => {
    expect(normaliseName('王 𠈌')).toBe('王𠈌');
  });

  it('is idempotent', () => {
    const nameish = fc.string({
      unit: fc.constantFrom(
        '张',
        '买',
        '𠈌',
        'a',
        'B',
        ' ',
        '\u3000',
        '·',
        '•',
        '・',
        '．',
        '.',
        '-',
      ),
    });
    fc.assert(
      fc.property(fc.oneof(nameish, fc.string()), (text) => {
        const once = normaliseName(text);
        expect(normaliseName(once)).toBe(once);
      }),
    );
  });
});

describe('parseName', () => {
  it('returns the normalised name', () => {
    expect(parseName(' 李  四 ')).toEqual({ ok: true, value: '李四' });
    expect(parseName("Seán O'Brien-Smith").ok).toBe(true);
  });

  it('rejects an empty name', () => {
    const result = parseName(' \u3000 ');
    expect(!result.ok && result.error.message['zh-CN']).toBe('姓名为空');
  });

  it('rejects digits, which usually mean the columns are shifted', () => {
    const result = parseName('220102198807151236');
    expect(!result.ok && result.error.code).toBe('name.character');
    expect(!result.ok && result.error.params).toEqual({ character: '2' });
    expect(parseName('张三(焊工)').ok).toBe(false);
  });

  it(`rejects names longer than ${NAME_MAX_LENGTH} characters, counting rare characters once`, () => {
    expect(parseName('𠈌'.repeat(NAME_MAX_LENGTH)).ok).toBe(true);
    const result = parseName('张'.repeat(NAME_MAX_LENGTH + 1));
    expect(!result.ok && result.error.params).toEqual({ length: 65, max: 64 });
  });
});

describe('parseIntegerText', () => {
  it.each([
    ['１２', 12],
    [' 12 ', 12],
    ['12.0', 12],
    ['12.', 12],
    ['+7', 7],
    ['-3', -3],
    ['1,200', 1200],
    ['0', 0],
    ['-0', 0],
  ])('reads %p as %p', (input, expected) => {
    expect(parseIntegerText(input)).toEqual({ ok: true, value: expected });
  });

  it('takes numbers from the spreadsheet library as they are when whole', () => {
    expect(parseIntegerText(12)).toEqual({ ok: true, value: 12 });
    expect(parseIntegerText(12.0)).toEqual({ ok: true, value: 12 });
  });

  it('refuses fractions instead of rounding them', () => {
    const text = parseIntegerText('12.5');
    expect(!text.ok && text.error.code).toBe('integer.fraction');
    expect(!text.ok && text.error.message['zh-CN']).toBe('12.5 有小数部分，应为整数');
    const number = parseIntegerText(12.5);
    expect(!number.ok && number.error.code).toBe('integer.fraction');
  });

  it('says what is wrong with empty, non-numeric and huge values', () => {
    const code = (value: string | number) => {
      const result = parseIntegerText(value);
      return result.ok ? undefined : result.error.code;
    };
    expect(code('')).toBe('integer.empty');
    expect(code('十二')).toBe('integer.format');
    expect(code('12,5')).toBe('integer.format');
    expect(code('1,20')).toBe('integer.format');
    expect(code(Number.NaN)).toBe('integer.format');
    expect(code('99999999999999999999')).toBe('integer.too_large');
    expect(code(2 ** 60)).toBe('integer.too_large');
  });

  it('reads back any safe integer written as text', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(parseIntegerText(` ${n} `)).toEqual({ ok: true, value: n === 0 ? 0 : n });
      }),
    );
  });
});
