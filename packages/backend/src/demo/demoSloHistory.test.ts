import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  SloHistory,
  ServiceSteps,
  demoSloHistory,
  openMetricsChunks,
} from './demoSloHistory';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ANCHOR = Date.UTC(2026, 10, 22);

const PAYMENTS = [
  'checkout-api',
  'payment-gateway',
  'fraud-detector',
  'invoice-service',
  'ledger-worker',
];
const HEALTHY_STOREFRONT = [
  'product-catalog',
  'search-service',
  'recommendations',
];
const TARGETS: Record<string, number> = { recommendations: 0.995 };

function service(history: SloHistory, name: string): ServiceSteps {
  return history.services.find(s => s.service.name === name)!;
}

/** Steps from `from` (inclusive) to `to` (exclusive), as epoch ms. */
function sum(
  history: SloHistory,
  values: Int32Array,
  from: number,
  to: number,
) {
  const step = history.stepSeconds * 1000;
  let total = 0;
  for (let t = from; t < to; t += step)
    total += values[(t - history.start) / step];
  return total;
}

/** Burn over the `window` ms before `at`: (1 − SLI) ÷ (1 − target), as the SRE Workbook has it. */
function burn(
  history: SloHistory,
  name: string,
  window: number,
  at = history.anchor,
  bad: 'bad' | 'slow' = 'bad',
) {
  const s = service(history, name);
  const total = sum(history, s.total, at - window, at);
  const failed = sum(history, s[bad], at - window, at);
  const target = bad === 'slow' ? 0.99 : TARGETS[name] ?? 0.999;
  return failed / total / (1 - target);
}

/** The Workbook's paging rules: 14.4 over 1 h and 5 min, or 6 over 6 h and 30 min. */
const pages = (history: SloHistory, name: string, at = history.anchor) =>
  (burn(history, name, HOUR, at) >= 14.4 &&
    burn(history, name, 5 * MINUTE, at) >= 14.4) ||
  (burn(history, name, 6 * HOUR, at) >= 6 &&
    burn(history, name, 30 * MINUTE, at) >= 6);

describe('demo SLO history', () => {
  const history = demoSloHistory({ anchor: ANCHOR });

  it('gives the same bytes for the same anchor, and valid OpenMetrics for promtool', () => {
    const digest = (chunks: Iterable<string>) => {
      const hash = createHash('sha256');
      for (const chunk of chunks) hash.update(chunk);
      return hash.digest('hex');
    };
    const chunks = [...openMetricsChunks(history)];
    expect(digest(openMetricsChunks(demoSloHistory({ anchor: ANCHOR })))).toBe(
      digest(chunks),
    );
    const twoDays = (anchor: number) =>
      digest(openMetricsChunks(demoSloHistory({ anchor, days: 2 })));
    expect(twoDays(ANCHOR + DAY)).not.toBe(twoDays(ANCHOR));

    expect(chunks[chunks.length - 1]).toBe('# EOF\n');
    // A counter runs from 0 at the start to its total at the anchor, one sample a minute.
    const checkout = chunks
      .find(c => c.includes('service="checkout-api",code="500"'))!
      .trimEnd()
      .split('\n');
    expect(checkout).toHaveLength(30 * 24 * 60 + 1);
    expect(checkout[0]).toBe(
      `http_requests_total{job="opsdeck-demo",service="checkout-api",code="500"} 0 ${
        (ANCHOR - 30 * DAY) / 1000
      }`,
    );
    const s = service(history, 'checkout-api');
    expect(checkout[checkout.length - 1]).toBe(
      `http_requests_total{job="opsdeck-demo",service="checkout-api",code="500"} ${s.codes[
        '500'
      ].reduce((a, b) => a + b, 0)} ${ANCHOR / 1000}`,
    );
    // Every metric family is declared once, before its samples.
    const types = chunks.filter(c => c.startsWith('# TYPE'));
    expect(types.map(t => t.split(' ')[2])).toEqual([
      'http_requests',
      'http_request_duration_seconds',
      'messages_processed',
    ]);
  });

  it("keeps Payments' and the other Storefront services' SLOs healthy", () => {
    const unhealthy = [];
    for (const name of [...PAYMENTS, ...HEALTHY_STOREFRONT]) {
      const remaining = 1 - burn(history, name, 28 * DAY);
      const now = [HOUR, 6 * HOUR, DAY].map(w => burn(history, name, w));
      if (remaining < 0.4 || remaining > 0.85 || now.some(b => b >= 1)) {
        unhealthy.push({ name, remaining, now });
      }
      expect(pages(history, name)).toBe(false);
    }
    for (const name of ['checkout-api', 'product-catalog']) {
      const remaining = 1 - burn(history, name, 28 * DAY, ANCHOR, 'slow');
      if (remaining < 0.4) unhealthy.push({ name, latency: remaining });
    }
    expect(unhealthy).toEqual([]);
  });

  it('has web-storefront burning fast enough to page, its 30-day budget spent', () => {
    expect(pages(history, 'web-storefront')).toBe(true);
    expect(burn(history, 'web-storefront', HOUR)).toBeGreaterThanOrEqual(14.4);
    expect(burn(history, 'web-storefront', 6 * HOUR)).toBeGreaterThanOrEqual(6);
    expect(1 - burn(history, 'web-storefront', 28 * DAY)).toBeLessThan(0.05);
  });

  it('burns budget right after failed deployments and incidents of the demo history', () => {
    const caused = history.windows.filter(
      w => w.cause !== 'blip' && w.cause !== 'burning',
    );
    const services = new Set(caused.map(w => w.service));
    expect(services).toContain('web-storefront');
    expect([...services].some(name => PAYMENTS.includes(name))).toBe(true);
    const quiet = caused
      .filter(w => w.end - w.start >= 20 * MINUTE)
      // The hour after the errors start burns far faster than the budget allows.
      .map(w => ({
        cause: w.cause,
        burn: burn(history, w.service, HOUR, Math.min(w.start + HOUR, ANCHOR)),
      }))
      .filter(b => b.burn < 5);
    expect(quiet).toEqual([]);
  });

  it('tells the same story from any anchor', () => {
    for (
      let anchor = Date.UTC(2026, 0, 1);
      anchor < Date.UTC(2027, 0, 1);
      anchor += 29 * DAY
    ) {
      const h = demoSloHistory({ anchor, stepSeconds: 300 });
      for (const name of PAYMENTS) {
        const remaining = 1 - burn(h, name, 28 * DAY);
        expect({ name, healthy: remaining > 0.4 && remaining < 0.85 }).toEqual({
          name,
          healthy: true,
        });
      }
      expect(1 - burn(h, 'web-storefront', 28 * DAY)).toBeLessThan(0.05);
      expect(pages(h, 'web-storefront')).toBe(true);
    }
  });

  it("writes the series the demo catalog's OpenSLO files query", () => {
    const examples = resolve(__dirname, '../../../../examples');
    const annotated = [
      ...readFileSync(join(examples, 'components.yaml'), 'utf8').matchAll(
        /opsdeck\.io\/openslo: \.\/slo\/(.+)\.yaml/g,
      ),
    ].map(m => m[1]);
    expect(annotated.sort()).toEqual(
      history.services.map(s => s.service.name).sort(),
    );
    const written = new Set<string>();
    for (const chunk of openMetricsChunks(
      demoSloHistory({ anchor: ANCHOR, days: 1 }),
    )) {
      const sample = /^(\w+)\{job="opsdeck-demo",service="([^"]+)"/.exec(chunk);
      if (sample) written.add(`${sample[1]} ${sample[2]}`);
    }
    const unknown = [];
    for (const file of readdirSync(join(examples, 'slo'))) {
      const text = readFileSync(join(examples, 'slo', file), 'utf8');
      const queries = [...text.matchAll(/query: (\w+)\{service="([^"]+)"/g)];
      expect(queries.length).toBeGreaterThan(0);
      for (const [, metric, name] of queries) {
        if (!written.has(`${metric} ${name}`) || file !== `${name}.yaml`) {
          unknown.push({ file, metric, name });
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});
