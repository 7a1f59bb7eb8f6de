import { createHmac, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { assignVariant, Variant } from '@moodlobby/shared';

/** Where the README's screenshots are written. */
export const SCREENSHOTS = resolve(__dirname, '../../../../docs/screenshots');

/** The secret and experiment key a suite starts its server with, so it can sign tokens for an arm. */
export const SECRET = 'web-e2e-session-secret-0123456789';
export const EXPERIMENT_KEY = 'moodlobby-vn';

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1100, height: 720 } };
/** A phone: 390×844 CSS pixels, touch as the only pointer. */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

/** A user id that the experiment puts in `variant` — so the test knows each person's arm for certain. */
export function idIn(variant: Variant, share = 0.5): string {
  for (;;) {
    const id = randomUUID();
    if (assignVariant(EXPERIMENT_KEY, id, share) === variant) return id;
  }
}

/** A session token for that id, signed as the server signs them (the test knows SESSION_SECRET). */
export const tokenFor = (id: string) => `${id}.${createHmac('sha256', SECRET).update(id).digest('base64url')}`;

export interface Person {
  id: string;
  context: BrowserContext;
  page: Page;
}

/** A browser profile that re-joins as a user of `variant` on load, as a returning user would. */
export async function personIn(
  browser: Browser,
  url: string,
  variant: Variant,
  nickname: string,
  options: BrowserContextOptions = {},
): Promise<Person> {
  const id = idIn(variant);
  const context = await browser.newContext({ ...DESKTOP, ...options });
  await context.addInitScript(
    ([token, name]) => {
      localStorage.setItem('moodlobby.token', token);
      localStorage.setItem('moodlobby.nickname', name);
    },
    [tokenFor(id), nickname],
  );
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('message-input').waitFor();
  return { id, context, page };
}

/** Joins the lobby through the form in a fresh browser context (its own storage: a different person). */
export async function joinLobby(browser: Browser, url: string, nickname: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...DESKTOP, ...options });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('nickname-input').fill(nickname);
  await page.getByTestId('join-button').click();
  await page.getByTestId('message-input').waitFor();
  return page;
}

export async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('message-input').fill(text);
  await page.getByTestId('message-input').press('Enter');
}
