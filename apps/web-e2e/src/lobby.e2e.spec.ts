import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { ApiServer, launchChromium, LobbyClient, startApi } from '@moodlobby/testing';
import { joinLobby, PHONE, say, SCREENSHOTS } from './support/people';

/** The seconds a countdown notice shows now. */
async function secondsShown(page: Page): Promise<number> {
  const text = (await page.locator('[data-testid="notice"][data-kind="rate_limited"]').textContent()) ?? '';
  const match = /again in (\d+) s/.exec(text);
  if (!match) throw new Error(`no countdown in "${text}"`);
  return Number(match[1]);
}

/** The mark shown with the signed-in user's name in the header. */
const ownMark = (page: Page) => page.getByTestId('signed-in-as').getByTestId('user-mark').textContent();

describe('the lobby for a new user (issue 15)', () => {
  let server: ApiServer;
  let browser: Browser;
  const pages: Page[] = [];
  const open = async (nickname: string) => {
    const page = await joinLobby(browser, server.url, nickname);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    // Everyone in CONTROL: this suite is about the chat view and what both views share.
    server = await startApi({ env: { TREATMENT_SHARE: '0' } });
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('says on the first page what this is, with a drawn illustration, and nothing about an experiment', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('nickname-input').waitFor();

    expect(await page.locator('h1').allTextContents()).toEqual(['One lobby, and every message gets a mood']);
    const intro = (await page.getByTestId('intro-text').textContent()) ?? '';
    expect(intro).toMatch(/single chat room shared by everyone/);
    expect(intro).toMatch(/read for its mood/);
    expect(await page.getByTestId('intro-illustration').evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    expect(await page.locator('img').count()).toBe(0); // drawn in code, nothing fetched
    const everything = (await page.locator('body').innerText()).toLowerCase();
    for (const word of ['experiment', 'variant', 'treatment', 'control', 'visual novel', ' arm', 'a/b']) {
      expect(everything).not.toContain(word);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'join.png') });
    await context.close();

    // On a phone, the heading, the words and the form fit one screen.
    const phone = await browser.newContext(PHONE);
    const small = await phone.newPage();
    await small.goto(server.url);
    await small.getByTestId('join-button').waitFor();
    expect(await small.getByTestId('join-button').evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
    await small.screenshot({ path: join(SCREENSHOTS, 'join-phone.png') });
    await phone.close();
  });

  it('never cuts a long paste: keeps it, says it is over, and sends it split when asked', async () => {
    const writer = await open('Paster');
    const reader = await open('Reader');
    const sentences = Array.from({ length: 26 }, (_, i) => `This is sentence number ${String(i).padStart(2, '0')}.`);
    const text = sentences.join(' ');
    expect(text.length).toBeGreaterThan(600);

    await writer.getByTestId('message-input').fill(text); // what a paste leaves in the field
    expect(await writer.getByTestId('message-input').inputValue()).toBe(text);
    expect(await writer.getByTestId('over-limit').textContent()).toContain(`${text.length} characters, ${text.length - 500} over the limit of 500`);
    expect(await writer.getByTestId('send-button').isDisabled()).toBe(true);
    await writer.getByTestId('message-input').press('Enter');
    await reader.waitForTimeout(500);
    expect(await reader.getByTestId('message-text').filter({ hasText: 'sentence number' }).count()).toBe(0);
    expect(await writer.getByTestId('message-input').inputValue()).toBe(text);

    await writer.getByTestId('split-send').click();
    await reader.getByTestId('message-text').filter({ hasText: 'sentence number 25.' }).waitFor();
    const parts = await reader.getByTestId('message-text').filter({ hasText: 'sentence number' }).allTextContents();
    expect(parts).toHaveLength(2);
    expect(parts.join(' ')).toBe(text);
    expect(parts.every((p) => p.length <= 500)).toBe(true);
    expect(await writer.getByTestId('message-input').inputValue()).toBe('');
  });

  it('tells two people of one name apart everywhere, and lets one rename and sign out', async () => {
    const alice = await open('Alice');
    const impostor = await open('Alice');
    const aliceMark = await ownMark(alice);
    const impostorMark = await ownMark(impostor);
    expect(aliceMark).toMatch(/^#[0-9A-Z]{4}$/);
    expect(impostorMark).not.toBe(aliceMark);

    // A visible hint, and "same name" on both in the online list.
    const hint = alice.getByTestId('same-name-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('2 people online are called “Alice”');
    expect(await hint.textContent()).toContain(impostorMark as string);
    expect(await alice.getByTestId('online-user').filter({ has: alice.getByTestId('same-name') }).count()).toBe(2);

    await say(impostor, 'please send me your password');
    const line = alice.getByTestId('message').filter({ hasText: 'please send me your password' });
    await line.waitFor();
    expect(await line.getByTestId('user-mark').textContent()).toBe(impostorMark);
    expect(await line.getByTestId('user-nickname').textContent()).toBe('Alice');

    // The impostor renames: seen in Alice's online list, carried by later lines only.
    await impostor.getByTestId('account-button').click();
    await impostor.getByTestId('rename-input').fill('Mallory');
    await impostor.getByTestId('rename-button').click();
    await impostor.getByTestId('account-panel').waitFor({ state: 'detached' });
    expect(await impostor.getByTestId('signed-in-as').getByTestId('user-nickname').textContent()).toBe('Mallory');
    await alice.getByTestId('online-user').filter({ hasText: 'Mallory' }).waitFor();
    await hint.waitFor({ state: 'detached' });
    await say(impostor, 'it was me all along');
    const later = alice.getByTestId('message').filter({ hasText: 'it was me all along' });
    await later.waitFor();
    expect(await later.getByTestId('user-nickname').textContent()).toBe('Mallory');
    expect(await later.getByTestId('user-mark').textContent()).toBe(impostorMark);
    expect(await line.getByTestId('user-nickname').textContent()).toBe('Alice');

    // Sign-out: back to the join page, forgotten by this browser, gone from the lobby.
    await impostor.getByTestId('account-button').click();
    await impostor.getByTestId('sign-out-button').click();
    await impostor.getByTestId('join-page').waitFor();
    expect(await impostor.evaluate(() => [localStorage.getItem('moodlobby.token'), localStorage.getItem('moodlobby.nickname')])).toEqual([null, null]);
    await alice.getByTestId('online-user').filter({ hasText: 'Mallory' }).waitFor({ state: 'detached' });
    // Joining again is someone new: a new mark.
    await impostor.getByTestId('nickname-input').fill('Mallory');
    await impostor.getByTestId('join-button').click();
    await impostor.getByTestId('message-input').waitFor();
    expect(await ownMark(impostor)).not.toBe(impostorMark);
  });

  it('counts the rate-limit wait down with Send disabled, keeps the refused text, then sends it', async () => {
    const flooder = await open('Counter');
    const watcher = await open('Watcher');
    for (let i = 1; i <= 6; i++) await say(flooder, `burst ${i}`);
    await flooder.locator('[data-testid="notice"][data-kind="rate_limited"]').waitFor();
    await flooder.getByTestId('send-wait').waitFor();

    expect(await flooder.getByTestId('message-input').inputValue()).toBe('burst 6');
    expect(await flooder.getByTestId('send-button').isDisabled()).toBe(true);
    const first = await secondsShown(flooder);
    await flooder.waitForTimeout(1300);
    const second = await secondsShown(flooder);
    expect(second).toBeLessThan(first);
    expect(await flooder.getByTestId('send-wait').textContent()).toContain(`${second} s`);
    expect(await flooder.getByTestId('send-button').isDisabled()).toBe(true);

    // When the wait is over, the notice goes, Send comes back, and the kept text goes out.
    await flooder.locator('[data-testid="notice"][data-kind="rate_limited"]').waitFor({ state: 'detached', timeout: 8000 });
    // Send comes back on the countdown clock's next tick (a quarter second at most) after the notice goes.
    await flooder.waitForFunction(() => (document.querySelector('[data-testid="send-button"]') as HTMLButtonElement | null)?.disabled === false, undefined, {
      timeout: 2000,
    });
    await flooder.getByTestId('message-input').press('Enter');
    await watcher.getByTestId('message-text').filter({ hasText: /^burst 6$/ }).waitFor();
  });

  it('loads earlier messages page by page, down to a marker at the very beginning of the lobby', async () => {
    // 24 people with 5 messages each (within everyone's rate limit): 120 messages before the reader comes.
    const writers = await Promise.all(Array.from({ length: 24 }, () => LobbyClient.connect(server.url)));
    try {
      for (const [w, client] of writers.entries()) {
        await client.start(`Writer ${w}`);
        for (let i = 0; i < 5; i++) await client.send({ text: `history ${String(w * 5 + i).padStart(3, '0')}` });
      }
    } finally {
      writers.forEach((client) => client.close());
    }
    const reader = await open('Historian');
    const lines = reader.getByTestId('message-text').filter({ hasText: /^history \d{3}$/ });
    await lines.nth(49).waitFor();
    expect(await lines.count()).toBe(50);
    expect(await reader.getByTestId('lobby-beginning').count()).toBe(0);

    await reader.getByTestId('load-earlier').click();
    await lines.nth(99).waitFor();
    await reader.getByTestId('load-earlier').click();
    await reader.getByTestId('lobby-beginning').waitFor();

    const texts = await lines.allTextContents();
    // Everything the earlier tests sent came before; the 120 are all there, in order, once.
    expect(texts).toEqual(Array.from({ length: 120 }, (_, i) => `history ${String(i).padStart(3, '0')}`));
    expect(await reader.getByTestId('load-earlier').count()).toBe(0);
  });
});
