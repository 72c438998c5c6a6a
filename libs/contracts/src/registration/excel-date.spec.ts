import fc from 'fast-check';
import { parseExcelDate } from './excel-date';

/** Excel's serial for a date from 1900-03-01 on, computed with Date.UTC (independently). */
function oracleSerial(isoDate: string): number {
  const epoch = Date.UTC(1899, 11, 30);
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - epoch) / 86_400_000);
}

const value = (input: string | number | Date) => {
  const result = parseExcelDate(input);
  return result.ok ? result.value : result.error.code;
};

describe('parseExcelDate: Excel serial numbers (1900 date system)', () => {
  it('reads 45000 as 2023-03-15, as Excel shows it', () => {
    expect(oracleSerial('2023-03-15')).toBe(45000);
    expect(value(45000)).toBe('2023-03-15');
  });

  it('reads serials around Lotus’s phantom 1900-02-29', () => {
    expect(value(1)).toBe('1900-01-01');
    expect(value(59)).toBe('1900-02-28');
    expect(value(61)).toBe('1900-03-01');
    const phantom = parseExcelDate(60);
    expect(!phantom.ok && phantom.error.message['zh-CN']).toBe(
      'Excel 日期序号 60 表示不存在的 1900-02-29',
    );
  });

  it('reads typical birth dates and the last date Excel knows', () => {
    expect(value(32874)).toBe('1990-01-01');
    expect(value(36585)).toBe('2000-02-29');
    expect(value(2958465)).toBe('9999-12-31');
  });

  it('drops the time of day of a date-time cell', () => {
    expect(value(45000.75)).toBe('2023-03-15');
  });

  it('rejects serials outside Excel’s range', () => {
    expect(value(0)).toBe('date.excel_serial_range');
    expect(value(-5)).toBe('date.excel_serial_range');
    expect(value(2958466)).toBe('date.excel_serial_range');
    expect(value(Number.NaN)).toBe('date.excel_serial_range');
  });

  it('reads a five-digit serial stored as text', () => {
    expect(value('45000')).toBe('2023-03-15');
    expect(value('３２８７４')).toBe('1990-01-01');
  });

  it('round-trips every date from 1900-03-01 to 9999-12-31', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-03-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          expect(value(oracleSerial(iso))).toBe(iso);
        },
      ),
    );
  });
});

describe('parseExcelDate: dates written as text', () => {
  it.each([
    ['1990-01-31', '1990-01-31'],
    ['1990-1-5', '1990-01-05'],
    ['1990/1/31', '1990-01-31'],
    ['1990/01/31', '1990-01-31'],
    ['1990.1.31', '1990-01-31'],
    ['1990年1月31日', '1990-01-31'],
    ['1990 年 1 月 31 日', '1990-01-31'],
    ['1990年1月31号', '1990-01-31'],
    ['1990年1月31', '1990-01-31'],
    ['19900131', '1990-01-31'],
    ['１９９０－０１－３１', '1990-01-31'],
    ['  1990/1/31  ', '1990-01-31'],
    ['1990-01-31 00:00:00', '1990-01-31'],
    ['1990/1/31 0:00', '1990-01-31'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %p', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it('names the day that does not exist', () => {
    const result = parseExcelDate('2023-02-29');
    expect(!result.ok && result.error.message['zh-CN']).toBe(
      '日期“2023-02-29”不存在：2023 年 2 月没有 29 日',
    );
    expect(!result.ok && result.error.message.en).toBe(
      'The date "2023-02-29" does not exist: 2023-02 has no day 29',
    );
    expect(value('1900-02-29')).toBe('date.invalid');
    expect(value('1990-04-31')).toBe('date.invalid');
    expect(value('19901301')).toBe('date.invalid');
  });

  it('refuses ambiguous or unknown forms instead of guessing', () => {
    for (const input of [
      '90-1-31',
      '1/31/1990',
      '31.01.1990',
      '1990-01/31',
      'Jan 31 1990',
      '1990-01-31 08:30',
      '2023',
    ]) {
      expect({ input, code: value(input) }).toEqual({ input, code: 'date.format' });
    }
    const result = parseExcelDate('1/31/1990');
    expect(!result.ok && result.error.message['zh-CN']).toContain('1990年1月31日');
  });

  it('reports an empty cell as empty', () => {
    expect(value('')).toBe('date.empty');
    expect(value(' \u3000')).toBe('date.empty');
  });
});

describe('parseExcelDate: Date objects from a spreadsheet library', () => {
  it('reads the UTC calendar date', () => {
    expect(value(new Date(Date.UTC(1990, 0, 31)))).toBe('1990-01-31');
    expect(value(new Date(Number.NaN))).toBe('date.format');
  });
});
