import { formatMessage, LOCALES, type Locale } from '@jingsai/contracts';
import { en } from './en';
import { formatDate, formatDateTime } from './format';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;

export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'jingsai.locale';

export const dictionaries: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  'zh-CN': zhCN,
  en,
};

/** What Intl should format dates and numbers with for each UI locale. */
const INTL_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage disabled (private mode, embedded webviews)
  }
}

/**
 * The UI language. Chinese unless the person switched to English on this device; the choice is
 * kept in localStorage, mirrored to `<html lang>` and sent to the API as Accept-Language.
 */
export class I18n {
  #locale = $state<Locale>(DEFAULT_LOCALE);

  constructor(initial: Locale = storedLocale()) {
    this.#locale = initial;
    this.#applyToDocument();
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The other language, offered by the switch. */
  get otherLocale(): Locale {
    return this.#locale === 'zh-CN' ? 'en' : 'zh-CN';
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // not persisted; the switch still works for this visit
    }
    this.#applyToDocument();
  }

  toggle(): void {
    this.setLocale(this.otherLocale);
  }

  /** The message for `key` in the current language, with `{name}` placeholders filled. */
  t = (key: MessageKey, params?: MessageParams): string =>
    formatMessage(dictionaries[this.#locale][key], params);

  /** A calendar date (`2025-05-20`) or timestamp in the current language. */
  formatDate = (value: string): string => formatDate(value, INTL_LOCALE[this.#locale]);

  /** A timestamp as date and time in `timeZone` (the competition's, e.g. Asia/Shanghai). */
  formatDateTime = (value: string, timeZone: string): string =>
    formatDateTime(value, INTL_LOCALE[this.#locale], timeZone);

  /** Only the calendar day of a timestamp, in `timeZone`. */
  formatDay = (value: string, timeZone: string): string =>
    formatDateTime(value, INTL_LOCALE[this.#locale], timeZone, 'date');

  /** Only the time of day (`08:30`) of a timestamp, in `timeZone`. */
  formatTime = (value: string, timeZone: string): string =>
    formatDateTime(value, INTL_LOCALE[this.#locale], timeZone, 'time');

  /** A date range where either end may be unknown. */
  formatDateRange = (start: string | null, end: string | null): string => {
    if (start && end) {
      return this.t('common.dateRange', {
        start: this.formatDate(start),
        end: this.formatDate(end),
      });
    }
    if (start) return this.t('common.dateFrom', { start: this.formatDate(start) });
    if (end) return this.t('common.dateUntil', { end: this.formatDate(end) });
    return this.t('common.datesUnset');
  };

  #applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
  }
}

export const i18n = new I18n();

/** Shorthand for templates: `{t('login.title')}`; reactive because it reads `i18n.locale`. */
export const t = i18n.t;
