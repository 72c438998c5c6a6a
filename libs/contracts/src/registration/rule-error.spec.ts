import { pickBilingual } from '../messages';
import { RULE_MESSAGES, ruleError, ruleErrorText, type RuleErrorCode } from './rule-error';

/**
 * Renders a message with every parameter shown as <name>, so wording can be checked; the
 * parameters each language spells in its own words (genders) get a real value.
 */
const TRANSLATED_PARAMS = new Set(['category', 'declared', 'derived']);
const placeholders = new Proxy<Record<string, string>>(
  {},
  { get: (_target, key) => (TRANSLATED_PARAMS.has(String(key)) ? 'male' : `<${String(key)}>`) },
);
const codes = Object.keys(RULE_MESSAGES) as RuleErrorCode[];
const render = (code: RuleErrorCode) =>
  (RULE_MESSAGES[code] as (params: Record<string, string>) => { 'zh-CN': string; en: string })(
    placeholders,
  );

describe('RULE_MESSAGES', () => {
  it.each(codes)('%s reads well in both languages', (code) => {
    const message = render(code);
    expect(message['zh-CN']).toMatch(/\p{Script=Han}/u);
    expect(message.en).toMatch(/^[A-Z"<]/);
    for (const text of [message['zh-CN'], message.en]) {
      expect(text).not.toContain(' / '); // would break the "English / 中文" convention
      expect(text.toLowerCase()).not.toContain('invalid input');
      expect(text).not.toMatch(/undefined|\[object/);
    }
  });

  it('uses the same parameters in both languages', () => {
    for (const code of codes) {
      const message = render(code);
      const used = (text: string) => [...text.matchAll(/<(\w+)>/g)].map((m) => m[1]).sort();
      expect({ code, params: used(message['zh-CN']) }).toEqual({ code, params: used(message.en) });
    }
  });
});

describe('ruleError and ruleErrorText', () => {
  it('carries the code, both messages and the params', () => {
    expect(ruleError('mobile.length', { length: 10 })).toEqual({
      code: 'mobile.length',
      message: {
        'zh-CN': '手机号应为 11 位数字，现为 10 位',
        en: 'Mobile number must have 11 digits; this one has 10',
      },
      params: { length: 10 },
    });
    expect(ruleError('mobile.empty')).toEqual({
      code: 'mobile.empty',
      message: { 'zh-CN': '手机号为空', en: 'Mobile number is empty' },
    });
  });

  it('writes "English / 中文", which pickBilingual splits back', () => {
    const text = ruleErrorText(
      ruleError('resident_id.check_character', { expected: '7', actual: '3' }),
    );
    expect(text).toBe(
      'ID number check digit wrong: position 18 should be 7; check the whole number / 身份证号校验位错误：第 18 位应为 7，请核对整个号码',
    );
    expect(pickBilingual(text, 'zh-CN')).toBe('身份证号校验位错误：第 18 位应为 7，请核对整个号码');
    expect(pickBilingual(text, 'en')).toBe(
      'ID number check digit wrong: position 18 should be 7; check the whole number',
    );
  });
});
