import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiServer, launchChromium, startApi } from '@moodlobby/testing';
import { blockingViolations } from './support/axe';
import { joinLobby } from './support/people';

const SCREENSHOTS = resolve(__dirname, '../../../docs/screenshots');
const SEED = resolve(__dirname, '../../../dist/apps/api/seed.js');
const TOKEN = 'web-e2e-admin-token';

describe('the admin dashboard in a real browser', () => {
  let server: ApiServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startApi({ env: { ADMIN_TOKEN: TOKEN } });
    // The seed data of SEED.md, ending about now, so the default asOf (today) reads all of it.
    const seeded = spawnSync(process.execPath, [SEED], { env: { PATH: process.env['PATH'], DATABASE_URL: server.databaseUrl }, encoding: 'utf8' });
    expect(seeded.status).toBe(0);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('asks for the token, then shows the decision, the readout, the charts, the cohorts and the users', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin`);
    // No lobby session is opened for the admin page.
    expect(await page.getByTestId('nickname-input').count()).toBe(0);

    await page.getByTestId('admin-token-input').fill('not-the-token');
    await page.getByTestId('admin-token-submit').click();
    await page.getByTestId('admin-error').filter({ hasText: 'not accepted' }).waitFor();

    await page.getByTestId('admin-token-input').fill(TOKEN);
    await page.getByTestId('admin-token-submit').click();
    const control = page.locator('[data-testid="readout-arm"][data-arm="CONTROL"]');
    const treatment = page.locator('[data-testid="readout-arm"][data-arm="TREATMENT"]');
    await control.waitFor();
    expect(await control.textContent()).toContain('24');
    expect(await treatment.textContent()).toContain('16');
    expect(await page.locator('[data-testid="readout-diff"]').count()).toBe(3);
    expect(await page.getByTestId('verdict').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('srm-warning').count()).toBe(0);
    // The decision leads, in a sentence; the always-valid interval and the chance to win are shown.
    const headline = (await page.getByTestId('decision-headline').textContent()) ?? '';
    expect(headline).toMatch(/^(Keep running|Ship TREATMENT|Stop)/);
    expect(await page.locator('[data-testid="sequential-ci"]').first().textContent()).toMatch(/\[.*\]/);
    expect(await page.locator('[data-testid="chance-to-win"]').first().textContent()).toMatch(/%$/);
    expect(await page.getByTestId('cohort-row').count()).toBeGreaterThan(0);

    for (const chart of ['chart-daily-active', 'chart-daily-messages', 'chart-retention']) {
      const canvas = page.getByTestId(chart);
      await canvas.waitFor();
      // Drawn, not blank: some pixels are painted.
      const painted = await canvas.evaluate((el) => {
        const c = el as HTMLCanvasElement;
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      });
      expect(painted).toBeGreaterThan(500);
    }

    await page.getByTestId('users-table').waitFor();
    expect(await page.getByTestId('users-total').textContent()).toContain('40');
    expect(await page.getByTestId('users-row').count()).toBe(40);
    await page.getByTestId('users-variant-filter').selectOption('TREATMENT');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="users-row"]').length === 16);
    expect(await page.getByTestId('users-total').textContent()).toContain('16');
    await page.getByTestId('inference-health').waitFor();

    // The export link downloads the cut with the browser's session cookie: a header and 40 users.
    const exportHref = (await page.getByTestId('admin-export').getAttribute('href')) ?? '';
    expect(exportHref).toMatch(/^\/admin\/export\/users\.csv\?asOf=\d{4}-\d{2}-\d{2}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('admin-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^moodlobby-users-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), exportHref);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(41);

    // Another tab of the same browser is signed in already; axe finds nothing serious there.
    const second = await context.newPage();
    await second.goto(`${server.url}/admin`);
    await second.locator('[data-testid="readout-arm"]').first().waitFor();
    expect(await second.getByTestId('admin-token-input').count()).toBe(0);
    expect(await blockingViolations(second)).toEqual([]);
    await second.close();

    await page.waitForTimeout(500); // chart animations settle before the picture
    await page.screenshot({ path: join(SCREENSHOTS, 'admin.png'), fullPage: true });

    // Signing out ends the session for every tab of the browser.
    await page.getByTestId('admin-signout').click();
    await page.getByTestId('admin-token-input').waitFor();
    const third = await context.newPage();
    await third.goto(`${server.url}/admin`);
    await third.getByTestId('admin-token-input').waitFor();
    expect(await blockingViolations(third)).toEqual([]);
    await context.close();
  });

  it('starts the trends at the first day with data and says why the retention curve is empty', async () => {
    const fresh = await startApi({ env: { ADMIN_TOKEN: TOKEN } });
    // One user, today: nothing is eligible for D1 yet, and the 30-day window has 29 empty days first.
    const page = await joinLobby(browser, `${fresh.url}/`, 'Early Bird', { viewport: { width: 1280, height: 1200 } });
    const context = page.context();
    try {
      await page.goto(`${fresh.url}/admin`);
      await page.getByTestId('admin-token-input').fill(TOKEN);
      await page.getByTestId('admin-token-submit').click();
      await page.getByTestId('retention-empty').waitFor();
      expect(await page.getByTestId('retention-empty').textContent()).toContain('No one is eligible for D1 yet');
      const active = (await page.getByTestId('chart-daily-active').getAttribute('aria-label')) ?? '';
      const today = new Date().toISOString().slice(0, 10);
      expect(active).toContain(`${today} to ${today}`);
      expect(await page.getByTestId('decision-headline').textContent()).toBe('Keep running');
    } finally {
      await context.close();
      await fresh.dispose();
    }
  });
});
