import { i18n } from '../lib/i18n';
import { router } from '../lib/router.svelte';
import { session } from '../lib/session.svelte';
import type { SessionUser } from '@jingsai/contracts';

/** Put the app singletons back in a known state: Chinese, at `url`, with `user` signed in or not. */
export function resetApp(url: string, user: SessionUser | null = null): void {
  localStorage.clear();
  i18n.setLocale('zh-CN');
  history.replaceState(null, '', url);
  router.sync();
  session.user = user;
  session.status = user ? 'ready' : 'unknown';
  session.error = null;
}
