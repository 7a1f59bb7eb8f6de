import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Variant } from '@moodlobby/shared';
import { ApiServer, launchChromium, startApi } from '@moodlobby/testing';
import { blockingViolations } from './support/axe';
import { EXPERIMENT_KEY, PHONE, personIn, say, SECRET } from './support/people';

/** Presses Tab until the element with this test id has focus; fails if it is not reachable. */
async function tabTo(page: Page, testId: string, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
  }
  throw new Error(`${testId} is not reachable with Tab`);
}

/** Whether an element lies inside the viewport (not scrolled or pushed out of sight). */
const inView = (page: Page, testId: string) =>
  page.getByTestId(testId).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });

describe('accessibility and phones (issue 15)', () => {
  let server: ApiServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const person = async (variant: Variant, nickname: string, options = {}) => {
    const p = await personIn(browser, server.url, variant, nickname, options);
    contexts.push(p.context);
    return p;
  };
  /** What axe found per page, printed once at the end for the record. */
  const axeLog: string[] = [];

  beforeAll(async () => {
    server = await startApi({ env: { SESSION_SECRET: SECRET, EXPERIMENT_KEY, TREATMENT_SHARE: '0.5' } });
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    console.log(`axe-core, serious or critical violations per page:\n${axeLog.join('\n')}`);
    await browser?.close();
    await server?.dispose();
  });

  async function expectNoBlockingViolations(page: Page, name: string): Promise<void> {
    const violations = await blockingViolations(page);
    axeLog.push(`  ${name}: ${violations.length}${violations.length ? ` — ${violations.join('; ')}` : ''}`);
    expect(violations).toEqual([]);
  }

  it('axe finds no serious or critical violation on the join page, the chat and the VN, wide and phone-sized', async () => {
    for (const [size, options] of [['desktop', {}], ['phone', PHONE]] as const) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 720 }, ...options });
      contexts.push(context);
      const joinPage = await context.newPage();
      await joinPage.goto(server.url);
      await joinPage.getByTestId('nickname-input').waitFor();
      await expectNoBlockingViolations(joinPage, `join page (${size})`);
      // With the form's errors shown.
      await joinPage.getByTestId('join-button').click();
      await joinPage.locator('#nickname-errors li').first().waitFor();
      await expectNoBlockingViolations(joinPage, `join page with errors (${size})`);

      const chat = await person(Variant.Control, 'Chatter', options);
      const vn = await person(Variant.Treatment, 'Chatter', options); // the same name: the hint shows
      await say(chat.page, `A line from the chat (${size}), with a mood to come.`);
      await say(vn.page, `My own line (${size}), on stage with "(you)" on the name plate.`);
      await vn.page.locator('[data-testid="vn-dialogue"][data-complete="true"]').filter({ hasText: `My own line (${size})` }).waitFor();
      await chat.page.getByTestId('same-name-hint').waitFor();
      await chat.page.getByTestId('message-text').filter({ hasText: `My own line (${size})` }).waitFor();
      await expectNoBlockingViolations(chat.page, `chat (${size})`);
      await expectNoBlockingViolations(vn.page, `VN (${size})`);

      // Over the limit, and the account panel open.
      await chat.page.getByTestId('message-input').fill('x'.repeat(520));
      await chat.page.getByTestId('account-button').click();
      await chat.page.getByTestId('account-panel').waitFor();
      await expectNoBlockingViolations(chat.page, `chat, over the limit, account open (${size})`);

      if (size === 'phone') {
        await chat.page.getByTestId('people-toggle').click();
        await chat.page.getByTestId('online-list').waitFor();
        await expectNoBlockingViolations(chat.page, 'chat, people drawer open (phone)');
        await vn.page.getByTestId('side-toggle').click();
        await vn.page.getByTestId('vn-backlog').waitFor();
        await expectNoBlockingViolations(vn.page, 'VN, backlog drawer open (phone)');
      }
    }
  }, 180_000);

  it('has a level-one heading on the join page, the chat and the VN', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const joinPage = await context.newPage();
    await joinPage.goto(server.url);
    await joinPage.getByTestId('nickname-input').waitFor();
    const chat = await person(Variant.Control, 'Heading');
    const vn = await person(Variant.Treatment, 'Heading');

    for (const page of [joinPage, chat.page, vn.page]) expect(await page.locator('h1').count()).toBe(1);
    expect(await chat.page.locator('h1').textContent()).toBe('Lobby chat');
    expect(await vn.page.locator('h1').textContent()).toBe('The lobby');
  });

  it('works by keyboard alone: join, send, rename, load earlier in the chat', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('nickname-input').waitFor();
    // Only the keyboard from here on. Enough people in the lobby that someone lands in CONTROL.
    await tabTo(page, 'nickname-input');
    await page.keyboard.type('Keys Only');
    await page.keyboard.press('Enter');
    await page.getByTestId('message-input').waitFor();
    const view = (await page.getByTestId('vn-view').count()) > 0 ? 'vn' : 'chat';

    await tabTo(page, 'message-input');
    await page.keyboard.type('Sent with the keyboard');
    await page.keyboard.press('Enter');
    await page.getByText('Sent with the keyboard').first().waitFor({ state: 'attached' });

    await tabTo(page, 'account-button');
    await page.keyboard.press('Enter');
    await page.getByTestId('account-panel').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('rename-input');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Keyboard Hero');
    await page.keyboard.press('Enter');
    await page.getByTestId('account-panel').waitFor({ state: 'detached' });
    expect(await page.getByTestId('signed-in-as').getByTestId('user-nickname').textContent()).toBe('Keyboard Hero');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('account-button');

    await tabTo(page, 'load-earlier');
    await page.keyboard.press('Enter');
    await page.getByTestId('lobby-beginning').first().waitFor({ state: 'attached' });
    expect(view === 'chat' || view === 'vn').toBe(true);
  });

  it('works by keyboard alone in the VN: the dialogue advances, a backlog line replays with the arrows and Enter', async () => {
    const { page } = await person(Variant.Treatment, 'Arrow Keys');
    await say(page, 'line one by keyboard');
    await say(page, 'line two by keyboard');
    await page.getByTestId('vn-backlog-line').filter({ hasText: 'line two by keyboard' }).waitFor();

    await page.locator('body').click({ position: { x: 1, y: 1 } }); // start from the top of the page
    await tabTo(page, 'vn-backlog-line');
    await page.keyboard.press('End'); // the newest line, "line two"
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.locator('ml-dialogue-box .ghost').filter({ hasText: /^line one by keyboard$/ }).waitFor({ state: 'attached' });

    // Shift+Tab back through the input to the dialogue box; Enter completes the line.
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.classList.contains('box'))); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.classList.contains('box'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="vn-dialogue"][data-complete="true"]').filter({ hasText: 'line one by keyboard' }).waitFor();
  });

  it('draws focus rings where nothing clips them: the chat log and the VN dialogue box', async () => {
    const chat = await person(Variant.Control, 'Focus');
    await tabTo(chat.page, 'message-list');
    const log = await chat.page.getByTestId('message-list').evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), offset: parseFloat(style.outlineOffset) };
    });
    expect(log.style).toBe('solid');
    expect(log.offset + log.width).toBeLessThanOrEqual(0); // drawn inside the scroll area, which its panel clips

    const vn = await person(Variant.Treatment, 'Focus');
    await say(vn.page, 'focus me');
    await vn.page.locator('ml-dialogue-box .box').focus();
    await vn.page.keyboard.press('Shift+Tab');
    await vn.page.keyboard.press('Tab'); // focus by keyboard, so :focus-visible applies
    const fits = await vn.page.locator('ml-dialogue-box .box').evaluate((box) => {
      const style = getComputedStyle(box);
      const ring = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
      const r = box.getBoundingClientRect();
      const stage = (box.closest('.stage') as HTMLElement).getBoundingClientRect();
      return style.outlineStyle !== 'none' && r.left - ring >= stage.left && r.right + ring <= stage.right && r.bottom + ring <= stage.bottom;
    });
    expect(fits).toBe(true);
  });

  it('lays out the chat for a phone: the conversation has the screen, people in a drawer, who you are in view', async () => {
    const other = await person(Variant.Control, 'Phone Friend');
    await say(other.page, 'Hello from a bigger screen');
    const { page } = await person(Variant.Control, 'Pocket', PHONE);
    await page.getByTestId('message-text').filter({ hasText: 'Hello from a bigger screen' }).waitFor();

    expect(await inView(page, 'signed-in-as')).toBe(true);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Signed in as');
    expect(await page.getByTestId('online-list').isVisible()).toBe(false);
    expect((await page.getByTestId('message-list').boundingBox())?.height).toBeGreaterThan(400);
    expect(await page.getByTestId('composer-hint').textContent()).not.toContain('Shift+Enter');

    await page.getByTestId('people-toggle').click();
    await page.getByTestId('online-user').filter({ hasText: 'Phone Friend' }).waitFor();
    expect(await inView(page, 'online-list')).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('online-list').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('people-toggle');
  });

  it('lays out the VN for a phone: a full stage, the backlog in a drawer that shows many lines', async () => {
    const { page } = await person(Variant.Treatment, 'Pocket Stage', PHONE);
    for (let i = 1; i <= 5; i++) await say(page, `phone line ${i}, long enough to wrap onto a second line on a phone`);
    await page.getByTestId('vn-backlog-line').filter({ hasText: 'phone line 5' }).waitFor({ state: 'attached' });
    await page.locator('[data-testid="vn-dialogue"][data-complete="true"]').waitFor({ timeout: 15_000 });

    expect(await inView(page, 'signed-in-as')).toBe(true);
    expect(await page.getByTestId('vn-backlog').isVisible()).toBe(false);
    expect((await page.locator('.stage').boundingBox())?.height).toBeGreaterThan(300);
    expect(await page.getByTestId('composer-hint').textContent()).not.toContain('Shift+Enter');

    await page.getByTestId('side-toggle').click();
    await page.getByTestId('vn-backlog').waitFor();
    const backlog = await page.getByTestId('vn-backlog').boundingBox();
    expect(backlog?.height).toBeGreaterThan(300); // many lines, not one or two
    expect(await page.getByTestId('vn-backlog-line').filter({ hasText: 'phone line 1,' }).isVisible()).toBe(true);
    await page.getByTestId('drawer-close').click();
    await page.getByTestId('vn-backlog').waitFor({ state: 'hidden' });

  });
});
