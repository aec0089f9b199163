/* eslint-disable no-console */
/**
 * P6: on-call API latency while the provider is down vs with a healthy provider and a warm
 * cache (same run), and upstream calls per key per TTL under concurrent load.
 *
 * A real backend (OpsDeck + the PagerDuty on-call module) against a local PagerDuty on a real
 * port (`plugins/opsdeck-backend/src/__testUtils__/fakePagerDuty.ts`).
 *
 *   node --no-experimental-strip-types --require @backstage/cli/config/nodeTransform.cjs \
 *     bench/oncall.bench.ts [--smoke]
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startPagerDutyOnCallBackend } from '../plugins/opsdeck-backend/src/__testUtils__/fakePagerDuty';

const smoke = process.argv.includes('--smoke');
const REQUESTS = smoke ? 150 : 1_500;
const CONCURRENCY = 8;
const KEYS = 5;
const TTL_MS = 1_000;
const TOKEN = 'bench-token';

const entities: Entity[] = Array.from({ length: KEYS }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `svc-${i}`,
    namespace: 'default',
    annotations: { 'pagerduty.com/service-id': `PSVC${i}` },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
}));

const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
};

async function main() {
  const { pd, backend, stop } = await startPagerDutyOnCallBackend({
    entities,
    token: TOKEN,
    cacheTtl: { milliseconds: TTL_MS },
  });
  const port = (backend.server.address() as AddressInfo).port;
  const auth = mockCredentials.user.header();

  /** Runs `count` requests, `CONCURRENCY` at a time; returns each one's latency in ms. */
  const load = async (count: number, key?: number) => {
    const latencies: number[] = [];
    let next = 0;
    let stale = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) {
          const i = next++;
          const name = `svc-${key ?? i % KEYS}`;
          const started = performance.now();
          const res = await fetch(
            `http://127.0.0.1:${port}/api/opsdeck/entities/component/default/${name}/oncall`,
            { headers: { Authorization: auth } },
          );
          const body = await res.json();
          latencies.push(performance.now() - started);
          if (res.status !== 200 || body.error) errors++;
          if (body.stale) stale++;
        }
      }),
    );
    return { latencies, stale, errors };
  };

  // Warm cache, healthy provider: one key, answered from the cache.
  await load(10, 0);
  const warm = await load(REQUESTS, 0);

  // Upstream calls per key per TTL window under load across KEYS keys.
  pd.state.calls.clear();
  const started = performance.now();
  await load(REQUESTS);
  const elapsed = performance.now() - started;
  const windows = Math.ceil(elapsed / TTL_MS);
  const perKeyPerTtl = Math.max(
    ...entities.map(
      (_, i) => (pd.state.calls.get(`/services/PSVC${i}`) ?? 0) / windows,
    ),
  );

  const down: Record<string, { p95: number; stale: number; errors: number }> =
    {};
  for (const mode of ['500', 'hang'] as const) {
    pd.state.mode = 'ok';
    await load(10, 1);
    await new Promise(r => setTimeout(r, TTL_MS + 100)); // the answer expires
    pd.state.mode = mode;
    const r = await load(REQUESTS, 1);
    down[mode] = { p95: p95(r.latencies), stale: r.stale, errors: r.errors };
  }

  const base = p95(warm.latencies);
  console.log(`P6 on-call (${REQUESTS} requests, ${CONCURRENCY} in flight)`);
  console.log(
    `  baseline: warm cache, healthy provider   p95 ${base.toFixed(2)} ms`,
  );
  for (const [mode, r] of Object.entries(down)) {
    console.log(
      `  provider down (${mode.padEnd(4)})             p95 ${r.p95.toFixed(
        2,
      )} ms = ${(r.p95 / base).toFixed(2)}× (goal ≤ 1.5×); stale answers ${
        r.stale
      }/${REQUESTS}, errors ${r.errors}`,
    );
  }
  console.log(
    `  upstream calls per key per TTL (${TTL_MS} ms, ${KEYS} keys, ${windows} windows): max ${perKeyPerTtl.toFixed(
      2,
    )} (goal ≤ 1)`,
  );
  await stop();
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
