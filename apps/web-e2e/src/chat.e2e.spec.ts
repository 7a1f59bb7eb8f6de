import type { Browser } from 'playwright-core';
import { ApiServer, launchChromium, startApi } from '@moodlobby/testing';
import { joinLobby } from './support/people';

describe('chat in a real browser', () => {
  let server: ApiServer;
  let browser: Browser;

  beforeAll(async () => {
    // Everyone in CONTROL, so both people see the chat view this test is about.
    server = await startApi({ env: { TREATMENT_SHARE: '0' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('loads under the strict Content-Security-Policy with its styles applied', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(server.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByTestId('nickname-input').waitFor();
    // The global stylesheet is in effect (not left as a media="print" sheet waiting for an inline handler).
    const sheets = await page.evaluate(() => Array.from(document.styleSheets).filter((sheet) => sheet.href).map((sheet) => sheet.media.mediaText));
    expect(sheets.length).toBeGreaterThan(0);
    expect(sheets.every((media) => media === '' || media === 'all')).toBe(true);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows two people each other, delivers a message both ways, and keeps the user on reload', async () => {
    const alice = await joinLobby(browser, server.url, 'Alice');
    const bob = await joinLobby(browser, server.url, 'Bob');

    for (const page of [alice, bob]) {
      await page.getByTestId('online-user').filter({ hasText: 'Alice' }).waitFor();
      await page.getByTestId('online-user').filter({ hasText: 'Bob' }).waitFor();
      await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    }

    await alice.getByTestId('message-input').fill('Hello Bob, this is Alice!');
    await alice.getByTestId('send-button').click();
    await bob.getByTestId('message-text').filter({ hasText: 'Hello Bob, this is Alice!' }).waitFor();
    await bob.getByTestId('message-input').fill('Hi Alice 👋');
    await bob.getByTestId('message-input').press('Enter');
    await alice.getByTestId('message-text').filter({ hasText: 'Hi Alice 👋' }).waitFor();

    const before = await alice.evaluate(() => localStorage.getItem('moodlobby.token'));
    await alice.reload();
    await alice.getByTestId('message-text').filter({ hasText: 'Hi Alice 👋' }).waitFor();
    expect(await alice.evaluate(() => localStorage.getItem('moodlobby.token'))).toBe(before);
    expect(await alice.getByTestId('online-user').filter({ hasText: 'Alice' }).count()).toBe(1);
  });

  it('renders markup in messages and nicknames as text', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    const dialogs: string[] = [];
    const mallory = await joinLobby(browser, server.url, attack);
    const viewer = await joinLobby(browser, server.url, 'Viewer');
    viewer.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await mallory.getByTestId('message-input').fill(`${attack} <script>alert(2)</script>`);
    await mallory.getByTestId('message-input').press('Enter');

    await viewer.getByTestId('message-text').filter({ hasText: `${attack} <script>alert(2)</script>` }).waitFor();
    await viewer.getByTestId('online-user').filter({ hasText: attack }).waitFor();
    expect(await viewer.locator('[data-testid="message-list"] img, [data-testid="online-list"] img').count()).toBe(0);
    expect(await viewer.locator('[data-testid="message-list"] script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('tells a flooding user to slow down, and does not show the refused messages', async () => {
    const flooder = await joinLobby(browser, server.url, 'Flooder');
    const watcher = await joinLobby(browser, server.url, 'Watcher');
    for (let i = 1; i <= 7; i++) {
      await flooder.getByTestId('message-input').fill(`flood ${i}`);
      await flooder.getByTestId('message-input').press('Enter');
    }
    await flooder.locator('[data-testid="notice"][data-kind="rate_limited"]').waitFor();
    await watcher.getByTestId('message-text').filter({ hasText: 'flood 5' }).waitFor();
    await watcher.waitForTimeout(500);
    expect(await watcher.getByTestId('message-text').filter({ hasText: /^flood [67]$/ }).count()).toBe(0);
  });
});
