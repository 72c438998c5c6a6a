import { civilFromDays, formatIsoDate, isCalendarDate } from './calendar';
import { normaliseText } from './normalise';
import { failure, type RuleResult } from './rule-error';

/*
 * Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is 1900-02-29, a day that
 * never existed (Lotus 1-2-3 treated 1900 as a leap year and Excel kept the bug). So serials
 * 1–59 count from 1899-12-31, 60 is rejected, and from 61 (1900-03-01) on they count from
 * 1899-12-30. The 1904 system (old Mac workbooks) is not supported: WPS and current Excel
 * write 1900-system files.
 */
const EXCEL_EPOCH_DAYS_BEFORE_MARCH_1900 = -25568; // serial 0 → 1899-12-31, in days since 1970
const EXCEL_EPOCH_DAYS = -25569; // serial 0 → 1899-12-30 for serials ≥ 61
const EXCEL_LAST_SERIAL = 2958465; // 9999-12-31

const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;
// A date cell exported with its (midnight) time part is accepted: "1990-01-31 00:00:00".
const SEPARATED = /^(\d{4}) ?([-/.]) ?(\d{1,2}) ?\2 ?(\d{1,2})(?:[ T]0?0:00(?::00(?:\.0+)?)?)?$/;
const CHINESE = /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A date from a spreadsheet cell, as 'YYYY-MM-DD'. Accepts an Excel serial (number, or a
 * five-digit number stored as text; any time of day is dropped), 'YYYY-MM-DD', 'YYYY/M/D',
 * 'YYYY.M.D', 'YYYY年M月D日' and 'YYYYMMDD', with full-width digits and stray spaces, and a
 * JavaScript Date read in UTC (what exceljs returns for date cells). Two-digit years and
 * month-first orders are rejected rather than guessed.
 */
export function parseExcelDate(value: string | number | Date): RuleResult<string> {
  if (typeof value === 'number') return fromSerial(value);
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return failure('date.format', { value: 'Invalid Date' });
    return ok(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), String(value));
  }
  const text = normaliseText(value);
  if (text.length === 0) return failure('date.empty');
  if (SERIAL_TEXT.test(text)) return fromSerial(Number(text));
  const parts = SEPARATED.exec(text) ?? CHINESE.exec(text) ?? COMPACT.exec(text);
  if (!parts) return failure('date.format', { value: text });
  const year = Number(parts[1]);
  const hasSeparator = parts.length === 5; // SEPARATED captures the separator as group 2
  const month = Number(hasSeparator ? parts[3] : parts[2]);
  const day = Number(hasSeparator ? parts[4] : parts[3]);
  return ok(year, month, day, text);
}

function fromSerial(serial: number): RuleResult<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial >= EXCEL_LAST_SERIAL + 1) {
    return failure('date.excel_serial_range', { serial });
  }
  const whole = Math.floor(serial);
  if (whole === 60) return failure('date.excel_1900_02_29');
  const days = whole < 60 ? EXCEL_EPOCH_DAYS_BEFORE_MARCH_1900 + whole : EXCEL_EPOCH_DAYS + whole;
  const { year, month, day } = civilFromDays(days);
  return { ok: true, value: formatIsoDate(year, month, day) };
}

function ok(year: number, month: number, day: number, text: string): RuleResult<string> {
  if (year < 1000 || year > 9999) return failure('date.format', { value: text });
  if (!isCalendarDate(year, month, day)) {
    return failure('date.invalid', { value: text, year, month, day });
  }
  return { ok: true, value: formatIsoDate(year, month, day) };
}
