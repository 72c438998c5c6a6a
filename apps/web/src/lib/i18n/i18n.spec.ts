import { afterEach, describe, expect, it } from 'vitest';
import { en } from './en';
import { I18n, LOCALE_STORAGE_KEY } from './i18n.svelte';
import { zhCN } from './zh-CN';

const placeholders = (message: string): string[] =>
  [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();

afterEach(() => localStorage.clear());

describe('dictionaries', () => {
  it('have exactly the same keys in Chinese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('have no empty messages', () => {
    for (const dictionary of [zhCN, en]) {
      for (const [key, message] of Object.entries(dictionary)) {
        expect(message.trim(), key).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});

describe('I18n', () => {
  it('speaks Chinese by default and fills parameters', () => {
    const i18n = new I18n();
    expect(i18n.locale).toBe('zh-CN');
    expect(i18n.t('dashboard.greeting', { name: '张伟' })).toBe('您好，张伟');
    expect(i18n.t('competition.eventCount', { count: 3 })).toBe('3 个比赛项目');
  });

  it('switches to English, remembers it on this device and labels the document', () => {
    const i18n = new I18n();
    i18n.toggle();
    expect(i18n.t('dashboard.greeting', { name: 'Zhang Wei' })).toBe('Hello, Zhang Wei');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');

    const nextVisit = new I18n();
    expect(nextVisit.locale).toBe('en');
    expect(nextVisit.t('login.submit')).toBe('Sign in');
  });

  it('ignores a stored value that is not a language it knows', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    const i18n = new I18n();
    expect(i18n.locale).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('formats dates and date ranges in the current language', () => {
    const i18n = new I18n('zh-CN');
    expect(i18n.formatDateRange('2025-05-10', '2025-10-31')).toBe(
      '2025年5月10日 至 2025年10月31日',
    );
    expect(i18n.formatDateRange(null, null)).toBe('日期待定');
    i18n.setLocale('en');
    expect(i18n.formatDateRange('2025-05-10', null)).toBe('From 10 May 2025');
  });
});
