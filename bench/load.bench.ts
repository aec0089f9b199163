/* eslint-disable no-console */
// Benchmark L1 — reads under load, with and without a writer. 200 concurrent closed-loop readers
// (autocannon) ask for a Component's DORA, its ownership and a team's DORA for 60 s on the
// P3-sized portal plus one busy Component; then the same with one writer posting 500-event
// batches as fast as they are accepted. Reported: errors, read p95 with the writer as a ratio to
// p95 without it (same run), the slowest /health answer (probed every 250 ms), and whether every
// acknowledged event is counted afterwards. Goals (issue 16): 0 errors, ≤ 1.5×, /health < 1 s,
// nothing acknowledged lost.
// Run: node --require @backstage/cli/config/nodeTransform.cjs bench/load.bench.ts [--smoke] [--pg]
//      [--in-process] (the backend in the benchmark's own process, sharing its event loop)
import autocannon from 'autocannon';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  DAY,
  END,
  Item,
  SERVICES,
  TEAMS,
  args,
  TOKEN,
  client,
  load,
  loopMaxSinceLast,
  p95,
  rng,
  serviceHistory,
  smoke,
  until,
  usePg,
  withPortal,
} from './portal';

const READERS = smoke ? 20 : 200;
const SECONDS = smoke ? 5 : 60;
const PER_SERVICE = smoke ? 100 : 200;
/** The busy Component (the last service): deployments over two years. */
const BUSY = smoke ? 2_000 : 42_000;

/** Reads of one phase: every answer's latency and status, as autocannon saw them. */
async function readers(port: number): Promise<{
  latencies: number[];
  errors: number;
  requests: number;
  /** What went wrong, by kind (status code, timeout, connection error). */
  kinds: Record<string, number>;
}> {
  const random = rng(11);
  const pick = (n: number) => Math.floor(random() * n);
  const paths = [
    () => `/api/opsdeck/entities/component/default/svc-${pick(SERVICES)}/dora`,
    () =>
      `/api/opsdeck/entities/component/default/svc-${pick(SERVICES)}/ownership`,
    () => `/api/opsdeck/groups/default/team-${pick(TEAMS)}/dora`,
    () => `/api/opsdeck/entities/component/default/svc-${SERVICES - 1}/dora`,
  ];
  const latencies: number[] = [];
  const kinds: Record<string, number> = {};
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: READERS,
    duration: SECONDS,
    timeout: 20,
    headers: { authorization: `Bearer ${TOKEN}` },
    requests: [
      {
        setupRequest: req => ({ ...req, path: paths[pick(paths.length)]() }),
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (status >= 400) kinds[status] = (kinds[status] ?? 0) + 1;
  });
  const result = await instance;
  if (result.timeouts) kinds.timeout = result.timeouts;
  if (result.errors > result.timeouts)
    kinds['connection error'] = result.errors - result.timeouts;
  return {
    latencies,
    errors: Object.values(kinds).reduce((a, b) => a + b, 0),
    requests: latencies.length,
    kinds,
  };
}

/**
 * Probes OpsDeck's /health (it pings the database) every 250 ms while `during` runs, and
 * Backstage's liveness route (no database) beside it; returns the slowest answer of each (ms).
 */
async function healthWhile(port: number, during: Promise<unknown>) {
  let done = false;
  const probe = async (path: string) => {
    let slowest = 0;
    let failures = 0;
    while (!done) {
      const start = performance.now();
      const ok = await fetch(`http://127.0.0.1:${port}${path}`, {
        signal: AbortSignal.timeout(20_000),
      }).then(
        res => res.ok,
        () => false,
      );
      if (!ok) failures++;
      slowest = Math.max(slowest, performance.now() - start);
      await new Promise(r => setTimeout(r, 250));
    }
    return { slowest, failures };
  };
  const probes = Promise.all([
    probe('/api/opsdeck/health'),
    probe('/.backstage/health/v1/liveness'),
  ]);
  await during.finally(() => {
    done = true;
  });
  const [opsdeck, liveness] = await probes;
  return { ...opsdeck, liveness: liveness.slowest };
}

/** Posts 500-event batches of recent production deployments until `stop()`; counts the acknowledged. */
function writer(api: ReturnType<typeof client>) {
  let stopped = false;
  let acknowledged = 0;
  let refused = 0;
  const random = rng(99);
  const running = (async () => {
    for (let b = 0; !stopped; b++) {
      const deployments: Item[] = [];
      for (let i = 0; i < 500; i++) {
        const finishedAt = END - 1 - Math.floor(random() * 7 * DAY);
        deployments.push({
          id: `load-${b}-${i}`,
          service: {
            annotation: 'github.com/project-slug',
            value: `acme/svc-${Math.floor(random() * SERVICES)}`,
          },
          environment: 'production',
          status: 'success',
          finishedAt: new Date(finishedAt).toISOString(),
        });
      }
      try {
        await api.post('/opsdeck/events', {
          version: 1,
          source: 'load',
          deployments,
        });
        acknowledged += deployments.length;
      } catch {
        refused++;
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await running;
      return { acknowledged, refused };
    },
  };
}

async function main() {
  await withPortal(
    'L1 load',
    async (api, port, _dir, loopMaxMs) => {
      await load(api, PER_SERVICE, 10, 'l');
      const { deps } = serviceHistory(
        SERVICES - 1,
        BUSY,
        0,
        'busy',
        END - 730 * DAY,
      );
      for (let i = 0; i < deps.length; i += 500) {
        await api.post('/opsdeck/events', {
          version: 1,
          source: 'bench',
          deployments: deps.slice(i, i + 500),
        });
      }
      const counted = async () =>
        (await api.derived('/opsdeck/org/dora?from=2025-01-01&to=2026-12-01'))
          .current.deploymentFrequency.detail.count as number;
      const before = await counted();
      console.log(
        `   data: ${SERVICES} Components × ${PER_SERVICE} deployments, one with ${BUSY} more over two years; ${READERS} readers for ${SECONDS} s per phase`,
      );

      const quiet = readers(port);
      const quietHealth = await healthWhile(port, quiet);
      const alone = await quiet;

      // How long the backend's event loop was blocked at worst while the writer ran, and this
      // process's (the clients'): a request the clients are late to send or read looks slow too.
      await loopMaxMs();
      const clientsLoop = loopMaxSinceLast();
      const w = writer(api);
      const busy = readers(port);
      const busyHealth = await healthWhile(port, busy);
      const blockedMs = await loopMaxMs();
      const clientsMs = clientsLoop();
      const withWriter = await busy;
      const written = await w.stop();

      const after = await counted();
      const lost = before + written.acknowledged - after;
      const ratio = p95(withWriter.latencies) / p95(alone.latencies);
      console.log(
        `L1 reads alone: ${alone.requests} answers, ${
          alone.errors
        } errors ${JSON.stringify(alone.kinds)}, p95 ${p95(
          alone.latencies,
        ).toFixed(0)} ms; /health slowest ${(
          quietHealth.slowest / 1000
        ).toFixed(2)} s (Backstage liveness ${(
          quietHealth.liveness / 1000
        ).toFixed(2)} s)`,
      );
      console.log(
        `L1 reads with a writer (${
          written.acknowledged
        } events acknowledged in ${SECONDS} s, ${
          written.refused
        } batches refused): ${withWriter.requests} answers, ${
          withWriter.errors
        } errors ${JSON.stringify(withWriter.kinds)}, p95 ${p95(
          withWriter.latencies,
        ).toFixed(0)} ms = ${ratio.toFixed(
          2,
        )}× alone (goal ≤ 1.5×); /health slowest ${(
          busyHealth.slowest / 1000
        ).toFixed(2)} s, ${
          busyHealth.failures
        } failed (goal < 1 s, 0), Backstage liveness slowest ${(
          busyHealth.liveness / 1000
        ).toFixed(2)} s; backend event loop blocked ${(
          blockedMs / 1000
        ).toFixed(2)} s at most, the clients' ${(clientsMs / 1000).toFixed(
          2,
        )} s`,
      );
      console.log(
        `L1 acknowledged events counted afterwards: ${after - before} of ${
          written.acknowledged
        }${lost === 0 ? ' (none lost)' : ` — ${lost} LOST`}`,
      );
      if (lost !== 0) process.exitCode = 1;
    },
    // The readers, the writer and the probes are clients: as in production, they do not share
    // the backend's event loop (`--in-process` puts them in one process).
    { separate: !args.includes('--in-process') },
  );
}

main().then(
  // Backstage leaves timers behind after stop(); the figures are printed, so end here.
  () => process.exit(process.exitCode ?? 0),
  error => {
    console.error(String(error?.stack ?? error).slice(0, 2000));
    process.exit(1);
  },
);
