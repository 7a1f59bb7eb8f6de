import type { Page } from 'playwright-core';
import { source } from 'axe-core';
import type { AxeResults, Result } from 'axe-core';

/** What the issue counts as a failure. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe-core (from npm) in the page and returns its serious and critical violations, each as
 * "rule: help (n nodes: selectors)" so a failing test says what and where. axe is evaluated
 * through the DevTools protocol, which the page's Content-Security-Policy does not govern, so
 * the page is checked as served (no CSP bypass).
 */
export async function blockingViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const results = await page.evaluate(() => (window as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe.run(document));
  return results.violations.filter((v: Result) => BLOCKING.has(v.impact ?? '')).map(describe);
}

function describe(violation: Result): string {
  const where = violation.nodes.map((n) => n.target.join(' ')).slice(0, 5);
  return `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.length} node(s): ${where.join(', ')}`;
}
