import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { Variant } from '@moodlobby/shared';
import { ApiServer, launchChromium, LobbyClient, SidecarProcess, startApi, startSidecar } from '@moodlobby/testing';
import { EXPERIMENT_KEY, idIn, PHONE, personIn, say, SCREENSHOTS, SECRET, tokenFor } from './support/people';

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

describe('the experiment in a real browser', () => {
  let sidecar: SidecarProcess;
  let server: ApiServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    sidecar = await startSidecar({ enableModel: true });
    server = await startApi({
      env: { SESSION_SECRET: SECRET, EXPERIMENT_KEY, TREATMENT_SHARE: '0.5', SIDECAR_URL: sidecar.url, INFERENCE_POLL_MS: '100', VN_BACKGROUND_DEBOUNCE_MS: '300' },
    });
    browser = await launchChromium();
  });
  /** A TREATMENT user's browser, closed after the test. */
  const treatmentPerson = async (nickname: string) => {
    const person = await personIn(browser, server.url, Variant.Treatment, nickname);
    contexts.push(person.context);
    return person;
  };
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await sidecar?.stop();
  });

  it('shows CONTROL the chat and TREATMENT the visual novel of the same conversation', async () => {
    const control = await personIn(browser, server.url, Variant.Control, 'Charlie');
    const treatment = await personIn(browser, server.url, Variant.Treatment, 'Tess');
    contexts.push(control.context, treatment.context);

    await say(control.page, 'Anyone here? I am so happy today!');
    await treatment.page.getByTestId('vn-dialogue').filter({ hasText: 'I am so happy today!' }).waitFor();
    await say(treatment.page, 'Yes! This is terrible news though, I hate it');
    await control.page.getByTestId('message-text').filter({ hasText: 'I hate it' }).waitFor();

    // Different views: the chat's message list only in CONTROL, the VN stage only in TREATMENT.
    expect(await control.page.getByTestId('message-list').count()).toBe(1);
    expect(await control.page.getByTestId('vn-view').count()).toBe(0);
    expect(await treatment.page.getByTestId('vn-view').count()).toBe(1);
    expect(await treatment.page.getByTestId('message-list').count()).toBe(0);
    // With no art in the asset folder, the view draws its placeholders.
    await treatment.page.locator('[data-testid="vn-background"][data-source="placeholder"]').waitFor();
    await treatment.page.locator('[data-testid="vn-character"][data-source="placeholder"]').waitFor();

    await treatment.page.locator('[data-testid="vn-mood-status"][data-status="done"]').waitFor();
    await control.page.locator('[data-testid="message"][data-mood-status="done"]').nth(1).waitFor();
    await treatment.page.locator('[data-testid="vn-dialogue"][data-complete="true"]').waitFor();
    await control.page.screenshot({ path: join(SCREENSHOTS, 'control-chat.png') });
    await treatment.page.screenshot({ path: join(SCREENSHOTS, 'treatment-vn.png') });

    // The same conversation on two phones, one per arm.
    const phoneControl = await personIn(browser, server.url, Variant.Control, 'Pia', PHONE);
    const phoneTreatment = await personIn(browser, server.url, Variant.Treatment, 'Theo', PHONE);
    contexts.push(phoneControl.context, phoneTreatment.context);
    await phoneControl.page.locator('[data-testid="message"][data-mood-status="done"]').filter({ hasText: 'I hate it' }).waitFor();
    await phoneTreatment.page.locator('[data-testid="vn-mood-status"][data-status="done"]').waitFor();
    await phoneTreatment.page.locator('[data-testid="vn-character"][data-source="placeholder"]').waitFor();
    await phoneTreatment.page.locator('[data-testid="vn-dialogue"][data-complete="true"]').waitFor();
    await phoneControl.page.screenshot({ path: join(SCREENSHOTS, 'chat-phone.png') });
    await phoneTreatment.page.screenshot({ path: join(SCREENSHOTS, 'vn-phone.png') });
  });

  it('changes the speaker’s expression when the mood arrives', async () => {
    const treatment = await personIn(browser, server.url, Variant.Treatment, 'Maya');
    contexts.push(treatment.context);
    await say(treatment.page, 'I am so happy today!');
    await treatment.page.getByTestId('vn-dialogue').filter({ hasText: 'I am so happy today!' }).waitFor();

    const character = treatment.page.getByTestId('vn-character');
    await treatment.page.locator('[data-testid="vn-character"][data-expression="happy"]').waitFor();
    expect(await character.getAttribute('data-expression')).toBe('happy');
    // The background follows the scene of the shown line.
    await treatment.page.locator('[data-testid="vn-background"][data-background^="happy-"]').waitFor();
  });

  it('keeps a TREATMENT user on the VN view whatever URL they type', async () => {
    const treatment = await personIn(browser, server.url, Variant.Treatment, 'Vera');
    contexts.push(treatment.context);
    for (const path of ['/chat', '/vn', '/?variant=CONTROL', '/nowhere']) {
      await treatment.page.goto(`${server.url}${path}`);
      await treatment.page.getByTestId('vn-view').waitFor();
      expect(await treatment.page.getByTestId('message-list').count()).toBe(0);
      expect(new URL(treatment.page.url()).pathname).toBe('/');
    }
    const control = await personIn(browser, server.url, Variant.Control, 'Colin');
    contexts.push(control.context);
    await control.page.goto(`${server.url}/vn`);
    await control.page.getByTestId('message-list').waitFor();
    expect(await control.page.getByTestId('vn-view').count()).toBe(0);
  });

  it('renders markup in a nickname and a line as text in the dialogue, name plate, backlog and online list', async () => {
    const attackName = '<img src=x onerror=alert(1)>';
    const attackText = '<script>alert(2)</script> <svg onload=alert(3)> <img src=x onerror=alert(4)>';
    const viewer = await personIn(browser, server.url, Variant.Treatment, 'Viewer');
    contexts.push(viewer.context);
    const { page } = viewer;
    // Listening before Mallory joins: her name reaches the viewer's online list at once.
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const mallory = await personIn(browser, server.url, Variant.Control, attackName);
    contexts.push(mallory.context);

    await say(mallory.page, attackText);
    await page.locator('[data-testid="vn-dialogue"][data-complete="true"]').filter({ hasText: attackText }).waitFor();
    expect((await page.getByTestId('vn-dialogue').textContent())?.trim()).toBe(attackText);
    expect((await page.getByTestId('vn-nameplate').getByTestId('user-nickname').textContent())?.trim()).toBe(attackName);
    const line = page.getByTestId('vn-backlog-line').filter({ hasText: attackText });
    await line.waitFor();
    expect(await line.textContent()).toContain(attackName);
    await page.getByTestId('online-user').filter({ hasText: attackName }).waitFor();
    expect(await page.getByTestId('vn-live-region').textContent()).toContain(`${attackName}: ${attackText}`);

    // Nothing of it became markup: no handler attributes, no script, no img pointing at "x".
    const injected = await page.evaluate(() => ({
      handlers: document.querySelectorAll('[onerror], [onload]').length,
      scripts: document.querySelectorAll('[data-testid="vn-view"] script').length,
      images: document.querySelectorAll('img[src="x"]').length,
    }));
    expect(injected).toEqual({ handlers: 0, scripts: 0, images: 0 });
    expect(dialogs).toEqual([]);
  });

  it('stays usable with reduced motion and the keyboard alone', async () => {
    const treatment = await personIn(browser, server.url, Variant.Treatment, 'Rey', { reducedMotion: 'reduce' });
    contexts.push(treatment.context);
    const { page } = treatment;
    await page.getByTestId('message-input').focus();
    await page.keyboard.type('Typed without a mouse, shown at once');
    await page.keyboard.press('Enter');

    const dialogue = page.getByTestId('vn-dialogue');
    await dialogue.filter({ hasText: 'Typed without a mouse, shown at once' }).waitFor();
    expect(await dialogue.getAttribute('data-complete')).toBe('true');
    expect(await page.getByTestId('vn-live-region').textContent()).toContain('Rey: Typed without a mouse, shown at once');
    // No transition or animation longer than a millisecond anywhere on the stage.
    const longest = await page.getByTestId('vn-view').evaluate((root) => {
      const seconds = (list: string) => Math.max(...list.split(',').map((d) => (d.trim().endsWith('ms') ? parseFloat(d) / 1000 : parseFloat(d))));
      return Math.max(...[root, ...Array.from(root.querySelectorAll('*'))].map((el) => {
        const style = getComputedStyle(el);
        return Math.max(seconds(style.transitionDuration), seconds(style.animationDuration));
      }));
    });
    expect(longest).toBeLessThanOrEqual(0.001);
    await page.getByTestId('vn-backlog-line').filter({ hasText: 'Typed without a mouse' }).waitFor();
  });

  describe('the VN for a new user (issue 15)', () => {
    it('queues a burst: every line plays in turn, "n more" counts, click and keys advance, skip jumps to the newest', async () => {
      const { page } = await treatmentPerson('Reader');
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
      const { page } = await treatmentPerson('Archivist');
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
      // A page at a time until the beginning mark shows (what the other tests said came first).
      for (let i = 0; i < 5 && (await page.getByTestId('lobby-beginning').count()) === 0; i++) {
        const shown = await page.getByTestId('vn-backlog-line').count();
        await page.getByTestId('load-earlier').click();
        // The page is in once the backlog grew or the beginning mark took the button's place (an
        // enabled button right after the click may be one the click has not disabled yet).
        await page.waitForFunction(
          (before) => document.querySelector('[data-testid="lobby-beginning"]') !== null || document.querySelectorAll('[data-testid="vn-backlog-line"]').length > before,
          shown,
        );
      }
      await page.getByTestId('lobby-beginning').waitFor();
      const texts = (await oldLines.allTextContents()).map((t) => /old line (\d\d)/.exec(t)?.[1]);
      expect(texts).toEqual(Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0')));
    });
  });
});
