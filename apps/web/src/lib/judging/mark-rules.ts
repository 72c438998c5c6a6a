/**
 * What a judge may enter for an aspect of their sheet, checked on the tablet before a mark is
 * queued. The API flattens the rubric (docs/rubric-format.md) into `SheetAspect` (range, step,
 * levels); the checks mirror the scoring engine's (libs/scoring `markReader`), so a mark the
 * tablet accepts is not refused later for its value.
 */
import type { SheetAspect } from '@jingsai/contracts';
import type { MessageKey } from '../i18n';
import {
  compareDecimal,
  formatDecimal,
  isOnStep,
  normaliseDecimal,
  parseDecimal,
  stepsBetween,
  type Decimal,
} from './decimal';

/** The parts of an aspect the checks read. */
export type MarkableAspect = Pick<SheetAspect, 'kind' | 'min' | 'max' | 'step' | 'levels'>;

/** How the tablet lets a judge enter a mark for this aspect. */
export type EntryControl = 'levels' | 'pass_fail' | 'counter' | 'keypad' | 'timer' | 'none';

/** Levels up to this many are shown as buttons; longer scales (0–100 by 0.5) are typed. */
export const MAX_LEVEL_BUTTONS = 11;

export function entryControl(aspect: MarkableAspect): EntryControl {
  switch (aspect.kind) {
    case 'judgement':
      return levelValues(aspect).length > 0 && levelValues(aspect).length <= MAX_LEVEL_BUTTONS
        ? 'levels'
        : 'keypad';
    case 'measurement':
      return isPassFail(aspect) ? 'pass_fail' : 'keypad';
    case 'deduction':
      return 'counter';
    case 'time':
      return 'timer';
    case 'imported':
      // Taken from the theory exam sheet, not marked by a judge.
      return 'none';
    default:
      return aspect.kind satisfies never;
  }
}

/** A measurement marked 1 (pass) or 0 (fail). */
export function isPassFail(aspect: MarkableAspect): boolean {
  return (
    aspect.kind === 'measurement' && aspect.min === '0' && aspect.max === '1' && aspect.step === '1'
  );
}

/** The values a judge can tap: the API's levels, else min … max by step. */
export function levelValues(aspect: MarkableAspect): string[] {
  if (aspect.levels && aspect.levels.length > 0) return aspect.levels.map((level) => level.value);
  const min = parseDecimal(aspect.min ?? '0');
  const max = aspect.max === null ? null : parseDecimal(aspect.max);
  const step = aspect.step === null ? null : parseDecimal(aspect.step);
  if (!min || !max || !step) return [];
  return stepsBetween(min, max, step, MAX_LEVEL_BUTTONS + 1).map((level) =>
    formatDecimal(normaliseDecimal(level)),
  );
}

/** A problem with a typed mark: an i18n key and its parameters. */
export interface MarkProblem {
  key: MessageKey;
  params?: Record<string, string>;
}

export type MarkCheck = { ok: true; value: string } | { ok: false; problem: MarkProblem };

const fail = (key: MessageKey, params?: Record<string, string>): MarkCheck => ({
  ok: false,
  problem: params ? { key, params } : { key },
});

const ZERO: Decimal = { units: 0n, scale: 0 };
/** What the API accepts (contracts `DecimalString`): up to 9 digits before the point, 6 after. */
const MAX_WHOLE_DIGITS = 9;
const MAX_DECIMALS = 6;

function bound(text: string | null): Decimal | null {
  return text === null ? null : (parseDecimal(text) ?? null);
}

/**
 * Checks a typed mark for `aspect` and returns it as canonical decimal text ("07.50" → "7.5"),
 * or the problem to show beside the control.
 */
export function checkMark(aspect: MarkableAspect, input: string): MarkCheck {
  if (aspect.kind === 'imported') return fail('judging.mark.imported');
  const text = input.trim();
  if (text === '') return fail('judging.mark.required');
  const parsed = parseDecimal(text);
  if (!parsed) return fail('judging.mark.notNumber');
  const value = normaliseDecimal(parsed);
  const canonical = formatDecimal(value);
  const whole = canonical.replace('-', '').split('.')[0] ?? '';
  if (value.scale > MAX_DECIMALS || whole.length > MAX_WHOLE_DIGITS) {
    return fail('judging.mark.tooPrecise', { decimals: String(MAX_DECIMALS) });
  }

  if (isPassFail(aspect) && canonical !== '0' && canonical !== '1') {
    return fail('judging.mark.passFail');
  }
  if (aspect.kind === 'deduction' && (value.scale !== 0 || compareDecimal(value, ZERO) < 0)) {
    return fail('judging.mark.occurrences');
  }
  if (aspect.kind === 'time' && compareDecimal(value, ZERO) < 0) {
    return fail('judging.mark.seconds');
  }

  const min = bound(aspect.min);
  const max = bound(aspect.max);
  const tooLow = min !== null && compareDecimal(value, min) < 0;
  const tooHigh = max !== null && compareDecimal(value, max) > 0;
  if (tooLow || tooHigh) {
    if (min !== null && max !== null) {
      return fail('judging.mark.range', {
        min: formatDecimal(normaliseDecimal(min)),
        max: formatDecimal(normaliseDecimal(max)),
      });
    }
    if (min !== null) return fail('judging.mark.atLeast', { min: formatDecimal(min) });
    return fail('judging.mark.atMost', { max: formatDecimal(max ?? ZERO) });
  }

  const step = bound(aspect.step);
  if (step !== null && compareDecimal(step, ZERO) > 0 && !isOnStep(value, min ?? ZERO, step)) {
    return fail('judging.mark.step', { step: formatDecimal(normaliseDecimal(step)) });
  }
  if (aspect.levels && aspect.levels.length > 0) {
    const onLevel = aspect.levels.some((level) => {
      const levelValue = parseDecimal(level.value);
      return levelValue !== null && compareDecimal(levelValue, value) === 0;
    });
    if (!onLevel) return fail('judging.mark.level');
  }
  return { ok: true, value: canonical };
}

/** Seconds as m:ss (or h:mm:ss), for the timer. */
export function formatSeconds(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
  const clock = `${mm}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${clock}` : clock;
}

/** Two marks are the same figure ("2" and "2.0"). */
export function sameValue(a: string, b: string): boolean {
  const left = parseDecimal(a);
  const right = parseDecimal(b);
  return left !== null && right !== null && compareDecimal(left, right) === 0;
}
