export {
  DEFAULT_LOCALE,
  dictionaries,
  I18n,
  i18n,
  isLocale,
  LOCALE_STORAGE_KEY,
  t,
  type MessageKey,
  type MessageParams,
} from './i18n.svelte';
