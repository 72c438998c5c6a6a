import type { Locator } from 'playwright-core';

/** Polls a locator's text until `accept` says yes; fails with the last text seen. */
export async function waitForText(
  locator: Locator,
  accept: (text: string) => boolean,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.innerText().catch(() => '')).trim();
    if (accept(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`text never became acceptable within ${timeoutMs} ms; last seen: "${text}"`);
}
