import type { Browser } from 'playwright-core';

/** Debian's Chromium unless CHROMIUM_PATH says otherwise; nothing is downloaded. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Flags for a sandboxed, offline CI machine: no GPU, no QUIC, and none of the background
 * calls home that a closed network refuses. Playwright gives every launch a fresh profile dir.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Loads playwright-core only here, so suites that never open a browser do not pay for it. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
