import {
  ERROR_MESSAGES,
  formatMessage,
  pickBilingual,
  pickLocale,
  translateError,
} from './messages';
import { formatIssuePath } from './errors';
import { ChangePasswordRequest, LoginRequest } from './auth';

describe('messages', () => {
  it('picks zh-CN unless the caller prefers English', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-GB,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-TW,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('fr-FR,en;q=0.5')).toBe('en');
    expect(pickLocale('fr-FR')).toBe('zh-CN');
  });

  it('has every message in both languages with the same placeholders', () => {
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      const placeholders = (text: string) =>
        [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect({ code, zh: placeholders(message['zh-CN']) }).toEqual({
        code,
        zh: placeholders(message.en),
      });
      expect(message['zh-CN']).not.toBe('');
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translateError('auth.throttled', 'en', { seconds: 90 })).toBe(
      'Too many failed sign-ins; try again in 90 seconds',
    );
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('splits "English / 中文" custom messages', () => {
    expect(pickBilingual('must contain a digit / 须包含数字', 'zh-CN')).toBe('须包含数字');
    expect(pickBilingual('must contain a digit / 须包含数字', 'en')).toBe('must contain a digit');
    expect(pickBilingual('plain', 'en')).toBe('plain');
  });
});

describe('shared request schemas', () => {
  it('formats issue paths the way people read them', () => {
    expect(formatIssuePath(['criteria', 2, 'aspects', 0, 'max'])).toBe(
      'criteria[2].aspects[0].max',
    );
    expect(formatIssuePath([])).toBe('');
  });

  it('rejects unknown fields in a login and trims the username', () => {
    expect(LoginRequest.safeParse({ username: ' a ', password: 'b', extra: 1 }).success).toBe(
      false,
    );
    expect(LoginRequest.parse({ username: ' judge1 ', password: 'x' }).username).toBe('judge1');
  });

  it('enforces the password policy', () => {
    const attempt = (newPassword: string) =>
      ChangePasswordRequest.safeParse({ currentPassword: 'x', newPassword }).success;
    expect(attempt('short1')).toBe(false);
    expect(attempt('longbutnodigits')).toBe(false);
    expect(attempt('1234567890123')).toBe(false);
    expect(attempt('long-enough-2026')).toBe(true);
  });
});
