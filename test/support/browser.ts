// What the browser tests share: Debian's Chromium (driven by playwright-core; the tests skip,
// saying so, without it) and axe-core's serious and critical findings on a page (RGAA / WCAG 2.1 AA).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

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
