/* eslint-disable no-console */
/**
 * P7 (browser): on the demo portal's service page, the time until the OpsDeck DORA card shows
 * its numbers vs the time until the catalog's About card shows the entity — both from the same
 * page load's navigation start, in Debian Chromium. Median of 5 loads (after one warm-up load);
 * goal ≤ 1.2×.
 *
 *   node bench/pages.bench.mts [--smoke]      (or `yarn bench`, which runs every benchmark)
 *
 * A fresh demo portal on a free port with a throwaway database (e2e/harness.mts).
 */
import { startPortal } from '../e2e/harness.mts';

const smoke = process.argv.includes('--smoke');
const LOADS = smoke ? 1 : 5;
const SERVICE = 'checkout-api';
const ABOUT_TEXT = 'Checkout API: carts, orders and payment intents.';

// Records, from navigation start, the first frame each card shows its content in.
const PROBE = `
  window.__p7 = {};
  const seen = () => {
    const t = performance.now();
    if (window.__p7.dora === undefined &&
        document.querySelector('[data-testid="opsdeck-dora-deploymentFrequency-value"]'))
      window.__p7.dora = t;
    if (window.__p7.about === undefined &&
        [...document.querySelectorAll('p, div')].some(e => e.childElementCount === 0 &&
          e.textContent === ${JSON.stringify(ABOUT_TEXT)}))
      window.__p7.about = t;
    if (window.__p7.dora === undefined || window.__p7.about === undefined)
      requestAnimationFrame(seen);
  };
  requestAnimationFrame(seen);
`;

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const portal = await startPortal();
  try {
    const { page, baseUrl } = portal;
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.waitForURL(/\/catalog/, { timeout: 60_000 });
    // The demo history arrives shortly after start; measure once the card has numbers to show.
    const token = await portal.guestToken();
    const deadline = Date.now() + 180_000;
    for (;;) {
      const res = await fetch(
        `${baseUrl}/api/opsdeck/entities/component/default/${SERVICE}/dora`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (res.ok && (await res.json()).current.deploymentFrequency.value > 0) break;
      if (Date.now() > deadline) throw new Error('no demo history');
      await new Promise(r => setTimeout(r, 2000));
    }
    await page.addInitScript(PROBE);
    const url = `${baseUrl}/catalog/default/component/${SERVICE}`;
    const about: number[] = [];
    const dora: number[] = [];
    for (let i = 0; i <= LOADS; i++) {
      await page.goto(url);
      await page.waitForFunction(
        () => (window as any).__p7?.dora !== undefined && (window as any).__p7?.about !== undefined,
        undefined,
        { timeout: 60_000 },
      );
      const t = await page.evaluate(() => (window as any).__p7);
      if (i === 0) continue; // warm-up: caches, lazy chunks
      about.push(t.about);
      dora.push(t.dora);
      console.log(
        `load ${i}: About card ${t.about.toFixed(0)} ms, DORA card ${t.dora.toFixed(0)} ms (${(t.dora / t.about).toFixed(2)}×)`,
      );
    }
    const ratio = median(dora) / median(about);
    console.log(
      `P7 DORA card vs About card, median of ${LOADS}: ${median(dora).toFixed(0)} vs ${median(about).toFixed(0)} ms = ${ratio.toFixed(2)}× (goal ≤ 1.2×) — per-load median ${median(dora.map((d, i) => d / about[i])).toFixed(2)}×`,
    );
  } finally {
    await portal.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
