/* eslint-disable no-console */
// Benchmarks P2 and P5 — webhook ingestion in a real Backstage backend (OpsDeck + the GitHub
// module, SQLite file, or PostgreSQL with --pg), each figure a ratio to a baseline measured in
// the same run, with the same client (8 requests in flight, keep-alive):
//   P2  signed GitHub deliveries/s (deployment_status, octokit's example payload, each with its
//       own delivery id and HMAC) vs POST to a trivial route of the same backend with the same
//       bodies. Goal ≥ 0.30×, 0 non-2xx.
//   P5  replaying every delivery again (100 % duplicates) vs the fresh ingest. Goal ≥ 1.5×,
//       0 rows changed.
// Run: `yarn bench`, or node --require @backstage/cli/config/nodeTransform.cjs bench/webhooks.bench.ts [--smoke] [--pg]
// (--profile writes a CPU profile of the backend to .cache/profiles)
import examples from '@octokit/webhooks-examples/api.github.com/index.json';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory, { Knex } from 'knex';
import { freePort } from './portal';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const usePg = args.includes('--pg');
const DELIVERIES = smoke ? 300 : 4_000;
const IN_FLIGHT = 8;
const SECRET = 'bench-secret';
const ROOT = resolve(__dirname, '..');
const PG =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

async function startBackend(database: object, port: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(args.includes('--profile')
        ? ['--cpu-prof', '--cpu-prof-dir', join(ROOT, '.cache', 'profiles')]
        : []),
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'e2e/webhookBackend.ts',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        OPSDECK_WH_PORT: String(port),
        OPSDECK_WH_SECRET: SECRET,
        OPSDECK_WH_DATABASE: JSON.stringify(database),
        OPSDECK_WH_LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; i < 450; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/opsdeck/health`)).ok)
        return child;
    } catch {
      // not yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('backend did not start');
}

/** GitHub deployment_status deliveries: octokit's example with its own deployment ids. */
function deliveries() {
  const example = (examples as Array<{ name: string; examples: any[] }>).find(
    e => e.name === 'deployment_status',
  )!.examples[0];
  return Array.from({ length: DELIVERIES }, (_, n) => {
    const payload = structuredClone(example);
    payload.deployment.id = 1_000_000 + n;
    payload.deployment.sha = createHash('sha1').update(String(n)).digest('hex');
    payload.repository.full_name = `acme/svc-${n % 50}`;
    const body = JSON.stringify(payload);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'deployment_status',
        'x-github-delivery': `bench-${n}`,
        'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET)
          .update(body)
          .digest('hex')}`,
      },
    };
  });
}

type Request = { body: string; headers: Record<string, string> };

/** Requests/s for the list with IN_FLIGHT workers; counts non-2xx answers. */
async function load(url: string, requests: Request[]) {
  let next = 0;
  let bad = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++];
      const res = await fetch(url, {
        method: 'POST',
        headers: r.headers,
        body: r.body,
      });
      await res.arrayBuffer();
      if (res.status < 200 || res.status > 299) bad++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return {
    perSecond: requests.length / ((performance.now() - start) / 1000),
    bad,
  };
}

async function snapshot(db: Knex) {
  const out: Record<string, number> = {};
  for (const table of [
    'opsdeck_raw_deliveries',
    'opsdeck_events',
    'opsdeck_deployments',
  ]) {
    out[table] = Number((await db(table).count({ n: '*' }))[0].n);
  }
  const updated = await db('opsdeck_deployments').max({ m: 'updated_at' });
  out.lastUpdate = Number(updated[0].m);
  return out;
}

async function drained(db: Knex) {
  for (;;) {
    const pending = Number(
      (
        await db('opsdeck_raw_deliveries')
          .where('status', 'pending')
          .count({ n: '*' })
      )[0].n,
    );
    if (!pending) return;
    await new Promise(r => setTimeout(r, 200));
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-bench-webhooks-'));
  const prefix = `opsdeck_whbench_${process.pid}_`;
  const database = usePg
    ? { client: 'pg', connection: PG, prefix }
    : { client: 'better-sqlite3', connection: { directory: dir } };
  const port = await freePort();
  const backend = await startBackend(database, port);
  const db = usePg
    ? knexFactory({
        client: 'pg',
        connection: Object.assign(new URL(PG), {
          pathname: `/${prefix}opsdeck`,
        }).toString(),
      })
    : knexFactory({
        client: 'better-sqlite3',
        connection: {
          filename: join(
            dir,
            readdirSync(dir).find(f => /opsdeck.*\.sqlite$/.test(f))!,
          ),
        },
        useNullAsDefault: true,
      });
  try {
    const list = deliveries();
    const base = `http://127.0.0.1:${port}/api`;
    // Warm both paths (JIT, connections) with other requests.
    await load(`${base}/noop/ping`, list.slice(0, 100));
    const noop = await load(`${base}/noop/ping`, list);
    const drainStart = performance.now();
    const fresh = await load(`${base}/opsdeck/webhooks/github`, list);
    await drained(db);
    const processedPerSecond =
      list.length / ((performance.now() - drainStart) / 1000);
    const before = await snapshot(db);
    const replay = await load(`${base}/opsdeck/webhooks/github`, list);
    await new Promise(r => setTimeout(r, 500));
    const after = await snapshot(db);
    const changed = Object.keys(before).filter(k => before[k] !== after[k]);

    const fmt = (n: number) => n.toFixed(0);
    console.log(
      `P2 signed GitHub deliveries acknowledged: ${fmt(
        fresh.perSecond,
      )}/s vs trivial route ${fmt(noop.perSecond)}/s = ${(
        fresh.perSecond / noop.perSecond
      ).toFixed(2)}× (goal ≥ 0.30×), non-2xx: ${
        fresh.bad + noop.bad
      }; stored and normalised: ${fmt(processedPerSecond)}/s = ${(
        processedPerSecond / noop.perSecond
      ).toFixed(2)}×`,
    );
    console.log(
      `P5 replay of 100 % duplicates: ${fmt(replay.perSecond)}/s vs fresh ${fmt(
        fresh.perSecond,
      )}/s = ${(replay.perSecond / fresh.perSecond).toFixed(
        2,
      )}× (goal ≥ 1.5×), non-2xx: ${replay.bad}, tables changed: ${
        changed.length ? changed.join(', ') : 'none'
      }`,
    );
    console.log(
      `(${list.length} deliveries of ${
        list[0].body.length
      } bytes, ${IN_FLIGHT} in flight, ${usePg ? 'PostgreSQL' : 'SQLite'})`,
    );
  } finally {
    await db.destroy();
    backend.kill('SIGTERM');
    await new Promise(r => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
    if (usePg) {
      const admin = knexFactory({ client: 'pg', connection: PG });
      await admin.raw(
        `DROP DATABASE IF EXISTS "${prefix}opsdeck" WITH (FORCE)`,
      );
      await admin.destroy();
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
