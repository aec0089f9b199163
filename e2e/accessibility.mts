// axe-core in the browser tests: one check, the same rules for every page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is: no serious or critical WCAG 2.1 A/AA violation. */
export async function assertAccessible(page: Page, what: string) {
  await page.waitForTimeout(500); // let MUI's transitions (tab colours, ripples) finish
  await page.evaluate(AXE);
  const violations: Array<{ id: string; impact: string; nodes: any[] }> =
    await page.evaluate(async () => {
      const result = await (window as any).axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      });
      return result.violations.map((v: any) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n: any) => n.target.join(' ')),
      }));
    });
  const serious = violations.filter(
    v => v.impact === 'serious' || v.impact === 'critical',
  );
  assert.deepEqual(serious, [], `${what}: axe violations`);
}
