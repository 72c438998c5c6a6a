import { describe, expect, it } from 'vitest';
import { compareDecimal, parseDecimal } from './decimal';
import {
  checkMark,
  entryControl,
  formatSeconds,
  levelValues,
  type MarkableAspect,
} from './mark-rules';

const judgement = (min: string, max: string, step: string): MarkableAspect => ({
  kind: 'judgement',
  min,
  max,
  step,
  levels: null,
});

describe('checkMark', () => {
  it('accepts a level on the scale and writes it canonically', () => {
    const finish = judgement('0', '3', '1');
    expect(checkMark(finish, '2')).toEqual({ ok: true, value: '2' });
    expect(checkMark(finish, ' 3.0 ')).toEqual({ ok: true, value: '3' });
  });

  it('refuses a mark off the scale, naming the range or the step', () => {
    const dive = judgement('0', '10', '0.5');
    expect(checkMark(dive, '10.5')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.range', params: { min: '0', max: '10' } },
    });
    expect(checkMark(dive, '-0.5')).toMatchObject({
      ok: false,
      problem: { key: 'judging.mark.range' },
    });
    expect(checkMark(dive, '7.25')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.step', params: { step: '0.5' } },
    });
    expect(checkMark(dive, '7.5')).toEqual({ ok: true, value: '7.5' });
  });

  it('checks steps exactly, where binary floats would not (0.1 steps)', () => {
    const tenths = judgement('0', '1', '0.1');
    // 0.3 / 0.1 is 2.9999999999999996 in floating point; the tablet must still accept it.
    expect(checkMark(tenths, '0.3')).toEqual({ ok: true, value: '0.3' });
    expect(checkMark(tenths, '0.35')).toMatchObject({
      ok: false,
      problem: { key: 'judging.mark.step' },
    });
  });

  it('measures steps from the bottom of the scale', () => {
    const fromOne = judgement('1', '5', '2');
    expect(checkMark(fromOne, '3')).toEqual({ ok: true, value: '3' });
    expect(checkMark(fromOne, '2')).toMatchObject({
      ok: false,
      problem: { key: 'judging.mark.step' },
    });
  });

  it('refuses blanks, words and more digits than the API takes', () => {
    const any: MarkableAspect = {
      kind: 'measurement',
      min: null,
      max: null,
      step: null,
      levels: null,
    };
    expect(checkMark(any, '  ')).toEqual({ ok: false, problem: { key: 'judging.mark.required' } });
    expect(checkMark(any, '8,5')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.notNumber' },
    });
    expect(checkMark(any, '1e3')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.notNumber' },
    });
    expect(checkMark(any, '25.0123456')).toMatchObject({
      ok: false,
      problem: { key: 'judging.mark.tooPrecise' },
    });
    expect(checkMark(any, '25.012')).toEqual({ ok: true, value: '25.012' });
    expect(checkMark(any, '.5')).toEqual({ ok: true, value: '0.5' });
  });

  it('takes only 1 or 0 for a pass/fail measurement', () => {
    const gauge: MarkableAspect = {
      kind: 'measurement',
      min: '0',
      max: '1',
      step: '1',
      levels: null,
    };
    expect(entryControl(gauge)).toBe('pass_fail');
    expect(checkMark(gauge, '1')).toEqual({ ok: true, value: '1' });
    expect(checkMark(gauge, '0.5')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.passFail' },
    });
  });

  it('takes whole, non-negative counts for a deduction', () => {
    const safety: MarkableAspect = {
      kind: 'deduction',
      min: '0',
      max: null,
      step: '1',
      levels: null,
    };
    expect(checkMark(safety, '3')).toEqual({ ok: true, value: '3' });
    expect(checkMark(safety, '1.5')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.occurrences' },
    });
    expect(checkMark(safety, '-1')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.occurrences' },
    });
  });

  it('takes non-negative seconds for a time aspect, with an upper bound when given', () => {
    const time: MarkableAspect = { kind: 'time', min: null, max: null, step: null, levels: null };
    expect(checkMark(time, '2520')).toEqual({ ok: true, value: '2520' });
    expect(checkMark(time, '-3')).toEqual({ ok: false, problem: { key: 'judging.mark.seconds' } });
    const capped: MarkableAspect = { ...time, max: '3600' };
    expect(checkMark(capped, '3601')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.atMost', params: { max: '3600' } },
    });
  });

  it('never accepts a hand-entered mark for an imported aspect', () => {
    const theory: MarkableAspect = {
      kind: 'imported',
      min: null,
      max: null,
      step: null,
      levels: null,
    };
    expect(entryControl(theory)).toBe('none');
    expect(checkMark(theory, '90')).toEqual({
      ok: false,
      problem: { key: 'judging.mark.imported' },
    });
  });

  it('holds a judgement to the levels the API lists', () => {
    const graded: MarkableAspect = {
      kind: 'judgement',
      min: '0',
      max: '3',
      step: '1',
      levels: [
        { value: '0', label: { zh: '差', en: 'poor' } },
        { value: '2', label: { zh: '良', en: 'good' } },
        { value: '3', label: { zh: '优', en: 'excellent' } },
      ],
    };
    expect(levelValues(graded)).toEqual(['0', '2', '3']);
    expect(checkMark(graded, '1')).toEqual({ ok: false, problem: { key: 'judging.mark.level' } });
    expect(checkMark(graded, '2.0')).toEqual({ ok: true, value: '2' });
  });
});

describe('entryControl and levels', () => {
  it('offers buttons for a short scale and the keypad for a long one', () => {
    expect(entryControl(judgement('0', '3', '1'))).toBe('levels');
    expect(levelValues(judgement('0', '3', '1'))).toEqual(['0', '1', '2', '3']);
    expect(levelValues(judgement('0', '2', '0.5'))).toEqual(['0', '0.5', '1', '1.5', '2']);
    expect(entryControl(judgement('0', '100', '0.5'))).toBe('keypad');
    expect(entryControl({ kind: 'deduction', min: '0', max: null, step: '1', levels: null })).toBe(
      'counter',
    );
    expect(entryControl({ kind: 'time', min: '0', max: null, step: null, levels: null })).toBe(
      'timer',
    );
  });
});

describe('decimals and time', () => {
  it('compares decimals of different precision exactly', () => {
    const a = parseDecimal('7.50');
    const b = parseDecimal('7.5');
    const c = parseDecimal('7.500001');
    expect(a && b && compareDecimal(a, b)).toBe(0);
    expect(a && c && compareDecimal(a, c)).toBe(-1);
  });

  it('formats a stopwatch reading', () => {
    expect(formatSeconds(0)).toBe('0:00');
    expect(formatSeconds(75.9)).toBe('1:15');
    expect(formatSeconds(3725)).toBe('1:02:05');
  });
});
