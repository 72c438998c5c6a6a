/**
 * The browser location as reactive state, plus navigation and interception of same-origin link
 * clicks. Matching and guards are the pure functions in routing.ts, re-exported here.
 */
import { HOME_PATH, inAppTarget, queryParam } from './routing';

export * from './routing';

export interface NavigateOptions {
  replace?: boolean;
}

/** The browser location as state, plus navigation. One instance: `router`. */
export class Router {
  path = $state('/');
  search = $state('');

  constructor() {
    this.sync();
  }

  /** One parameter of the current query string (`next`, …). */
  param(name: string): string | null {
    return queryParam(this.search, name);
  }

  /** Re-read the browser location (after popstate, or in tests after history.replaceState). */
  sync(): void {
    if (typeof location === 'undefined') return;
    this.path = location.pathname;
    this.search = location.search;
  }

  navigate(to: string, options: NavigateOptions = {}): void {
    const target = inAppTarget(to, location.href);
    if (target === null) {
      location.assign(to);
      return;
    }
    if (options.replace) history.replaceState(null, '', target);
    else history.pushState(null, '', target);
    this.sync();
    if (!options.replace) document.documentElement.scrollTop = 0;
  }

  /** Whether a navigation link to `href` is the current section. */
  isActive(href: string): boolean {
    if (href === HOME_PATH) return this.path === HOME_PATH;
    return this.path === href || this.path.startsWith(`${href}/`);
  }

  /** Listen to back/forward and intercept in-app link clicks; returns the cleanup. */
  start(): () => void {
    const onPopState = (): void => this.sync();
    const onClick = (event: MouseEvent): void => this.#interceptLink(event);
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick);
    return () => {
      window.removeEventListener('popstate', onPopState);
      document.removeEventListener('click', onClick);
    };
  }

  #interceptLink(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!(event.target instanceof Element)) return;
    const anchor = event.target.closest('a');
    if (!anchor || !anchor.hasAttribute('href')) return;
    if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
    if (anchor.relList.contains('external')) return;
    const target = inAppTarget(anchor.href, location.href);
    if (target === null) return;
    // A jump within the page (skip link, table of contents): the browser does it best.
    const here = `${location.pathname}${location.search}`;
    if (target.startsWith(`${here}#`)) return;
    event.preventDefault();
    this.navigate(target);
  }
}

export const router = new Router();
