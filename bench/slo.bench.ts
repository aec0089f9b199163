/* eslint-disable no-console */
/**
 * P8: SLO answers. `GET /entities/…/slo` p95 with a warm cache against the catalog's by-name
 * p95 for the same entities (the route reads the entity itself, then answers from the cache);
 * then with Prometheus down against warm (last known answers, marked stale, no errors).
 *
 * A real backend (catalog + OpsDeck) and a real Prometheus (Debian's package) loaded with three
 * hours of history; every Component names one OpenSLO file.
 *
 *   node --no-experimental-strip-types --require @backstage/cli/config/nodeTransform.cjs \
 *     bench/slo.bench.ts [--smoke]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  HOUR,
  MINUTE,
  startPrometheus,
  steadyHistory,
} from '../plugins/opsdeck-backend/src/__testUtils__/prometheus';
import { SERVICES, TOKEN, p95, smoke, withPortal } from './portal';

const KEYS = Math.min(SERVICES, 20);
const REQUESTS = smoke ? 200 : 3_000;
/** Requests in flight at once (OPSDECK_BENCH_CONCURRENCY); default 4. */
const CONCURRENCY = Number(process.env.OPSDECK_BENCH_CONCURRENCY ?? 4);
/** The SLO cache's TTL: each measured round fits well inside it. */
const TTL_S = 30;

const SLO = `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  timeWindow: [{ duration: 28d, isRolling: true }]
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{service="bench",code="200"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{service="bench"}' } } }
  objectives: [{ target: 0.999 }]
`;

async function main() {
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const prometheus = await startPrometheus(
    steadyHistory(now - 3 * HOUR, now + 30 * MINUTE, {
      bench: { good: 999, bad: 1 },
    }),
  );
  try {
    await withPortal(
      'P8 SLO answers',
      async (_api, port, dir) => {
        writeFileSync(join(dir, 'slo.yaml'), SLO);
        const base = `http://127.0.0.1:${port}/api`;
        const headers = { Authorization: `Bearer ${TOKEN}` };

        /** `count` requests over KEYS entities, CONCURRENCY at a time: latencies, stale, errors. */
        const load = async (count: number, path: (i: number) => string) => {
          const latencies: number[] = [];
          let next = 0;
          let stale = 0;
          let errors = 0;
          await Promise.all(
            Array.from({ length: CONCURRENCY }, async () => {
              while (next < count) {
                const i = next++;
                const started = performance.now();
                const res = await fetch(`${base}${path(i % KEYS)}`, {
                  headers,
                });
                const body = await res.json();
                latencies.push(performance.now() - started);
                if (
                  res.status !== 200 ||
                  body.slos?.some((s: any) => s.error)
                ) {
                  errors++;
                }
                if (body.stale) stale++;
              }
            }),
          );
          return { latencies, stale, errors };
        };
        const byName = (i: number) =>
          `/catalog/entities/by-name/component/default/svc-${i}`;
        const slo = (i: number) =>
          `/opsdeck/entities/component/default/svc-${i}/slo`;

        // Warm: every key answered once, then both measured in turns (same noise for both).
        const first = await load(KEYS, slo);
        if (first.errors) throw new Error('Prometheus did not answer');
        await load(KEYS, byName);
        const catalog: number[] = [];
        const warm: number[] = [];
        const rounds = 8;
        for (let r = 0; r < rounds; r++) {
          // Each round starts warm: answers older than the TTL are refreshed first.
          await load(KEYS, slo);
          catalog.push(...(await load(REQUESTS / rounds, byName)).latencies);
          warm.push(...(await load(REQUESTS / rounds, slo)).latencies);
        }

        // Prometheus down: once the TTL has passed every answer is a last known one.
        prometheus.stop();
        await new Promise(r => setTimeout(r, TTL_S * 1000 + 500));
        const down = await load(REQUESTS, slo);
        const warmAgain = await load(REQUESTS / 4, byName);

        const catalogP95 = p95(catalog);
        const warmP95 = p95(warm);
        const downP95 = p95(down.latencies);
        console.log(
          `catalog by-name p95 ${catalogP95.toFixed(1)} ms (again after: ${p95(
            warmAgain.latencies,
          ).toFixed(1)} ms)`,
        );
        console.log(
          `SLO answer, warm cache: p95 ${warmP95.toFixed(1)} ms = ${(
            warmP95 / catalogP95
          ).toFixed(2)}× the catalog's (target ≤ 1.3×)`,
        );
        console.log(
          `SLO answer, Prometheus down: p95 ${downP95.toFixed(1)} ms = ${(
            downP95 / warmP95
          ).toFixed(2)}× warm (target ≤ 1.5×); ${down.stale}/${
            down.latencies.length
          } stale, ${down.errors} errors`,
        );
        if (down.errors > 0 || down.stale < down.latencies.length) {
          throw new Error('With Prometheus down, every answer must be stale');
        }
      },
      {
        extras: {
          annotations: { 'opsdeck.io/openslo': './slo.yaml' },
          opsdeck: {
            slo: {
              providers: {
                prometheus: [{ name: 'bench', baseUrl: prometheus.url }],
              },
              cacheTtl: { seconds: TTL_S },
            },
          },
        },
      },
    );
  } finally {
    prometheus.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
