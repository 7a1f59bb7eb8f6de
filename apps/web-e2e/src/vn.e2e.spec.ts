import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Variant } from '@moodlobby/shared';
import { ApiServer, launchChromium, LobbyClient, startApi } from '@moodlobby/testing';
import { EXPERIMENT_KEY, personIn, say, SECRET, tokenFor, idIn } from './support/people';

/** What the stage shows: the whole line (the ghost copy that holds the box's size), and how many wait. */
async function stage(page: Page): Promise<{ line: string; more: string | null }> {
  const line = ((await page.locator('ml-dialogue-box .ghost').textContent()) ?? '').trim();
  const more = (await page.getByTestId('vn-more').count()) > 0 ? ((await page.getByTestId('vn-more').textContent()) ?? '').trim() : null;
  return { line, more };
}

/** Waits until this line is the one on stage (typing or typed out). */
function onStage(page: Page, text: string, timeout?: number): Promise<void> {
  // The ghost copy holds the whole line; it is invisible by design, so wait for it to be there.
  return page.locator('ml-dialogue-box .ghost').filter({ hasText: text }).waitFor({ state: 'attached', timeout });
}

describe('the VN view for a new user (issue 15)', () => {
  let server: ApiServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const treatment = async (nickname: string) => {
    const person = await personIn(browser, server.url, Variant.Treatment, nickname);
    contexts.push(person.context);
    return person;
  };

  beforeAll(async () => {
    server = await startApi({ env: { SESSION_SECRET: SECRET, EXPERIMENT_KEY, TREATMENT_SHARE: '0.5', VN_BACKGROUND_DEBOUNCE_MS: '300' } });
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('queues a burst: every line plays in turn, "n more" counts, click and keys advance, skip jumps to the newest', async () => {
    const { page } = await treatment('Reader');
    const talker = await LobbyClient.connect(server.url);
    const second = await LobbyClient.connect(server.url);
    try {
      await talker.start('Talker', tokenFor(idIn(Variant.Control)));
      const burst = ['first of the burst', 'second of the burst', 'third of the burst', 'fourth of the burst'];
      for (const text of burst) expect(await talker.send({ text })).toMatchObject({ ok: true });

      // The first takes the stage; the rest wait, counted.
      await onStage(page, burst[0]);
      await page.getByTestId('vn-more').filter({ hasText: '3 more' }).waitFor();
      await page.getByTestId('vn-fast-forward').waitFor();

      // A click finishes the typing; the next click (or Space, Enter) plays the next line.
      const box = page.locator('ml-dialogue-box .box');
      await box.click();
      await page.locator('[data-testid="vn-dialogue"][data-complete="true"]').waitFor();
      await box.click();
      await onStage(page, burst[1]);
      expect(await stage(page)).toEqual({ line: burst[1], more: '2 more' });
      await box.focus();
      await page.keyboard.press('Enter'); // finishes the typing
      await page.keyboard.press('Space'); // the next line
      await onStage(page, burst[2]);
      expect((await stage(page)).more).toBe('1 more');

      // Left alone, a typed-out line gives way after its reading pause.
      await onStage(page, burst[3], 10_000);
      expect((await stage(page)).more).toBeNull();

      // Another burst (from someone else: the talker has spent most of their rate limit), skipped to its newest line.
      await second.start('Second');
      for (const text of ['fifth', 'sixth', 'seventh, the newest']) expect(await second.send({ text })).toMatchObject({ ok: true });
      await page.getByTestId('vn-backlog-line').filter({ hasText: 'seventh, the newest' }).waitFor();
      await page.getByTestId('vn-fast-forward').click();
      await onStage(page, 'seventh, the newest');
      expect(await stage(page)).toEqual({ line: 'seventh, the newest', more: null });
    } finally {
      talker.close();
      second.close();
    }
  });

  it('replays a backlog line on stage, marks names with their marks, and loads earlier lines to the beginning', async () => {
    const seeders = await Promise.all(Array.from({ length: 12 }, () => LobbyClient.connect(server.url)));
    try {
      for (const [s, client] of seeders.entries()) {
        await client.start(`Seeder ${s}`);
        for (let i = 0; i < 5; i++) await client.send({ text: `old line ${String(s * 5 + i).padStart(2, '0')}` });
      }
    } finally {
      seeders.forEach((client) => client.close());
    }
    const { page } = await treatment('Archivist');
    await say(page, 'my own line');
    await onStage(page, 'my own line');

    // The name plate: nickname, mark, "(you)".
    const plate = page.getByTestId('vn-nameplate');
    expect(await plate.getByTestId('user-nickname').textContent()).toBe('Archivist');
    expect(await plate.getByTestId('user-mark').textContent()).toBe(await page.getByTestId('signed-in-as').getByTestId('user-mark').textContent());
    expect(await plate.textContent()).toContain('(you)');

    // A backlog line, clicked, plays on stage again, spoken by its author.
    const row = page.getByTestId('vn-backlog-line').filter({ hasText: 'old line 59' });
    expect(await row.getByTestId('user-mark').textContent()).toMatch(/^#[0-9A-Z]{4}$/);
    await row.click();
    await onStage(page, 'old line 59');
    expect(await plate.getByTestId('user-nickname').textContent()).toBe('Seeder 11');

    // Earlier lines, a page at a time, down to the beginning mark.
    const oldLines = page.getByTestId('vn-backlog-line').filter({ hasText: /old line \d\d$/ });
    // Under 100 lines in all: one page back reaches the first.
    await page.getByTestId('load-earlier').click();
    await page.getByTestId('lobby-beginning').waitFor();
    const texts = (await oldLines.allTextContents()).map((t) => /old line (\d\d)/.exec(t)?.[1]);
    expect(texts).toEqual(Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0')));
  });
});
