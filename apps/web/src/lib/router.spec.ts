import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { router } from './router.svelte';

describe('router', () => {
  let stop: () => void;
  let reachedBrowser: boolean[];
  const recordUnhandled = (event: MouseEvent): void => {
    reachedBrowser.push(!event.defaultPrevented);
    event.preventDefault(); // jsdom cannot navigate; only whether the router let it pass matters
  };

  beforeEach(() => {
    history.replaceState(null, '', '/');
    router.sync();
    stop = router.start();
    reachedBrowser = [];
    window.addEventListener('click', recordUnhandled);
  });

  afterEach(() => {
    stop();
    window.removeEventListener('click', recordUnhandled);
    document.body.innerHTML = '';
  });

  function link(href: string, attributes: Record<string, string> = {}): HTMLAnchorElement {
    const anchor = document.createElement('a');
    anchor.href = href;
    for (const [name, value] of Object.entries(attributes)) anchor.setAttribute(name, value);
    anchor.innerHTML = '<span>go</span>';
    document.body.append(anchor);
    return anchor;
  }

  it('follows in-app links without reloading the page', () => {
    link('/competitions/7?tab=events').querySelector('span')?.click();
    expect(reachedBrowser).toEqual([false]);
    expect(router.path).toBe('/competitions/7');
    expect(router.param('tab')).toBe('events');
    expect(location.pathname).toBe('/competitions/7');
  });

  it('leaves new-tab, modified, download, API and other-site links to the browser', () => {
    link('/competitions/7', { target: '_blank' }).click();
    link('/api/v1/exports/results.xlsx').click();
    link('/report.pdf', { download: '' }).click();
    link('https://example.org/').click();
    link('/competitions/7').dispatchEvent(
      new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }),
    );
    expect(reachedBrowser).toEqual([true, true, true, true, true]);
    expect(router.path).toBe('/');
  });

  it('follows the back button', () => {
    router.navigate('/admin/users');
    history.replaceState(null, '', '/'); // what the browser does on "back"…
    window.dispatchEvent(new PopStateEvent('popstate')); // …and then tells us
    expect(router.path).toBe('/');
  });

  it('marks the current section', () => {
    router.navigate('/admin/users');
    expect(router.isActive('/admin/users')).toBe(true);
    expect(router.isActive('/')).toBe(false);
  });
});
