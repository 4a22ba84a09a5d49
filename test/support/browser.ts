// What the browser tests share: Debian's Chromium (driven by playwright-core; the tests skip,
// saying so, without it) and axe-core's serious and critical findings on a page (RGAA / WCAG 2.1 AA).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
export const chromiumMissing = chromiumPath ? null : 'Chromium is not installed (run scripts/install-chromium.sh)';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox'] });

/** axe is injected by the test (its page context bypasses the page's Content-Security-Policy for that alone). */
export async function seriousFindings(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))) as {
    violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/**
 * Opens a tab of a dataset page and answers its panel. The design system's script selects the first
 * tab when it starts, so a click that lands before it would be undone: click until the tab stays
 * selected and its panel shown.
 */
export async function openTab(page: Page, name: RegExp): Promise<Locator> {
  const tab = page.getByRole('tab', { name });
  const panel = page.getByRole('tabpanel', { name });
  await page.waitForLoadState('load');
  for (let attempt = 0; attempt < 20; attempt++) {
    await tab.click();
    await page.waitForTimeout(150);
    if ((await tab.getAttribute('aria-selected')) === 'true' && (await panel.isVisible())) return panel;
  }
  throw new Error(`the tab ${name} did not open`);
}

/** Submits a form whose answer redirects (303) back to the same page, and waits for that page. */
export async function submitAndReturn(page: Page, button: Locator): Promise<void> {
  const back = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().redirectedFrom()?.method() === 'POST');
  await button.click();
  await back;
  await page.waitForLoadState('load');
}
