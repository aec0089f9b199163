/* eslint-disable no-console */
// Benchmarks P1, P3, P4 and H1 — DORA ingestion and queries in a real Backstage backend (catalog +
// OpsDeck, real auth with a static service token, SQLite files or PostgreSQL). Every figure is a
// ratio to a baseline measured in the same run:
//   P1  rows/s through POST /events (500-event batches, counted when the org answer has them)
//       vs knex batchInsert of the same rows (1 000-row chunks — 500 on SQLite, its
//       compound-SELECT cap —, one transaction, same schema).
//       Goal ≥ 0.2×.
//   P3  p95 of entity / team / org DORA vs p95 of the catalog's GET /entities/by-name, on 100k
//       deployments, 300k changes, 5k incidents, 500 services, 50 teams over one year.
//       Goal ≤ 1.3× entity, ≤ 2× team, ≤ 3× org; the service tables ≤ 3× the catalog listing.
//   P4  org p95 at 1M deployments vs org p95 at 100k. Goal ≤ 1.3×.
//   H1  entity DORA p95 (90-day window) of a Component with 50 000 more deployments over two
//       years vs one with ~200. Goal ≤ 2×.
// Run: `yarn bench` (all benchmarks), or this one alone:
//   node --require @backstage/cli/config/nodeTransform.cjs bench/dora.bench.ts [--smoke] [--pg] [--no-1m]
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DeploymentEvent,
  foldDeployments,
} from '@opsdeck/backstage-plugin-common';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deploymentToRow } from '../plugins/opsdeck-backend/src/store/rows';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const usePg = args.includes('--pg');
const with1M = !smoke && !args.includes('--no-1m');

const SERVICES = smoke ? 20 : 500;
const TEAMS = smoke ? 4 : 50;
const DEPLOYMENTS = smoke ? 4_000 : 100_000;
/** H1: deployments of the busy Component. */
const HOT = smoke ? 2_000 : 50_000;
const INCIDENTS = smoke ? 100 : 5_000;
const P1_EVENTS = smoke ? 2_000 : 20_000;
const QUERY_ROUNDS = smoke ? 20 : 200;
const TOKEN = 'opsdeck-bench-token-0123456789';
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 1);
const START = END - 365 * DAY;

/** Park–Miller RNG: the same data on every run. */
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

function catalogYaml(): string {
  const docs: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-${t}
spec:
  type: team
  children: []`);
  }
  for (let s = 0; s < SERVICES; s++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc-${s}
  annotations:
    github.com/project-slug: acme/svc-${s}
spec:
  type: service
  lifecycle: production
  owner: group:default/team-${s % TEAMS}`);
  }
  return `${docs.join('\n---\n')}\n`;
}

function databaseConfig(dir: string, prefix: string) {
  return usePg
    ? {
        client: 'pg',
        connection:
          process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
          'postgresql://postgres@127.0.0.1:5432',
        prefix,
      }
    : { client: 'better-sqlite3', connection: { directory: dir } };
}

async function startBackend(dir: string, port: number) {
  const catalogFile = join(dir, 'catalog.yaml');
  writeFileSync(catalogFile, catalogYaml());
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        app: { baseUrl: `http://127.0.0.1:${port}` },
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { port, host: '127.0.0.1' },
          database: databaseConfig(dir, `opsdeck_bench_${Date.now()}_`),
          auth: {
            externalAccess: [
              { type: 'static', options: { token: TOKEN, subject: 'bench' } },
            ],
          },
        },
        catalog: {
          rules: [{ allow: ['Component', 'Group', 'Location'] }],
          locations: [{ type: 'file', target: catalogFile }],
        },
        opsdeck: { mapping: { refreshInterval: { seconds: 30 } } },
      },
    }),
  );
  backend.add(mockServices.rootLogger.factory({ level: 'warn' }));
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@opsdeck/backstage-plugin-backend'));
  await backend.start();
  return backend;
}

function client(port: number) {
  const base = `http://127.0.0.1:${port}/api`;
  const headers = { Authorization: `Bearer ${TOKEN}` };
  return {
    async get(path: string): Promise<any> {
      const res = await fetch(`${base}${path}`, { headers });
      if (!res.ok)
        throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    /** GETs an answer built on derived data once every accepted event is in it (reads never derive). */
    async derived(path: string): Promise<any> {
      for (;;) {
        const res = await fetch(`${base}${path}`, { headers });
        if (!res.ok)
          throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
        const answer = await res.json();
        if (answer.pendingEvents === 0) return answer;
        // Not too often: each read takes the backend's one thread from the derivation it waits for.
        await new Promise(r => setTimeout(r, 100));
      }
    },
    async post(path: string, body: unknown): Promise<void> {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 202)
        throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    },
  };
}

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  seconds = smoke ? 60 : 600,
) {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  for (;;) {
    const value = await fn().catch(error => {
      last = error;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}: ${last}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

type Item = Record<string, unknown>;

/** One service's history: deployments with 3 changes each, and incidents, over the year. */
function serviceHistory(
  s: number,
  deployments: number,
  incidents: number,
  tag: string,
  from = START,
) {
  const random = rng(1 + s * 7919 + tag.length);
  const deps: Item[] = [];
  for (let i = 0; i < deployments; i++) {
    const finishedAt = from + Math.floor(random() * (END - from));
    const failed = random() < 0.12;
    deps.push({
      id: `${tag}-${s}-${i}`,
      service: {
        annotation: 'github.com/project-slug',
        value: `acme/svc-${s}`,
      },
      environment: random() < 0.9 ? 'production' : 'staging',
      status: failed ? 'failure' : 'success',
      finishedAt: new Date(finishedAt).toISOString(),
      changes: [0, 1, 2].map(c => ({
        sha: createHash('sha1').update(`${tag}-${s}-${i}-${c}`).digest('hex'),
        time: new Date(
          finishedAt - 1 - Math.floor(random() * 3 * DAY),
        ).toISOString(),
      })),
    });
  }
  const incs: Item[] = [];
  for (let i = 0; i < incidents; i++) {
    const openedAt = START + Math.floor(random() * (END - START));
    incs.push({
      id: `${tag}-${s}-i${i}`,
      service: `component:default/svc-${s}`,
      openedAt: new Date(openedAt).toISOString(),
      ...(random() < 0.95
        ? {
            resolvedAt: new Date(
              openedAt + Math.floor(random() * 8 * 3_600_000),
            ).toISOString(),
          }
        : {}),
    });
  }
  return { deps, incs };
}

/** Sends a history per service in ≤ 500-item batches, as a CI exporter would. */
async function load(
  api: ReturnType<typeof client>,
  perService: number,
  incidentsPerService: number,
  tag: string,
) {
  const start = performance.now();
  for (let s = 0; s < SERVICES; s++) {
    const { deps, incs } = serviceHistory(
      s,
      perService,
      incidentsPerService,
      tag,
    );
    for (let i = 0; i < deps.length; i += 500) {
      await api.post('/opsdeck/events', {
        version: 1,
        source: 'bench',
        deployments: deps.slice(i, i + 500),
        incidents: i === 0 ? incs : [],
      });
    }
  }
  await api.derived('/opsdeck/org/dora'); // until everything sent is derived
  return (performance.now() - start) / 1000;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)
  ];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** With --profile, writes a CPU profile of `fn` to bench/<name>.cpuprofile (git-ignored). */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!args.includes('--profile')) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(
      resolve(__dirname, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}

async function measureQueries(api: ReturnType<typeof client>) {
  const random = rng(42);
  const pick = (n: number) => Math.floor(random() * n);
  const t = {
    catalog: [] as number[],
    entity: [] as number[],
    team: [] as number[],
    org: [] as number[],
  };
  for (let round = 0; round < QUERY_ROUNDS + 5; round++) {
    // Interleaved, so that machine noise hits all alike; the first rounds warm up.
    const s = pick(SERVICES);
    const samples = {
      catalog: await timed(() =>
        api.get(`/catalog/entities/by-name/component/default/svc-${s}`),
      ),
      entity: await timed(() =>
        api.get(`/opsdeck/entities/component/default/svc-${s}/dora`),
      ),
      team: await timed(() =>
        api.get(`/opsdeck/groups/default/team-${pick(TEAMS)}/dora`),
      ),
      org: await timed(() => api.get('/opsdeck/org/dora')),
    };
    if (round >= 5)
      for (const k of Object.keys(t) as Array<keyof typeof t>)
        t[k].push(samples[k]);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  console.log(
    `   (medians: catalog ${median(t.catalog).toFixed(1)} ms, entity ${median(
      t.entity,
    ).toFixed(1)} ms, team ${median(t.team).toFixed(1)} ms, org ${median(
      t.org,
    ).toFixed(1)} ms)`,
  );
  return {
    catalog: p95(t.catalog),
    entity: p95(t.entity),
    team: p95(t.team),
    org: p95(t.org),
  };
}

/**
 * The service tables of the team Operations tab and the org overview (every Component with its
 * coverage and DORA tiers for the default window) vs the catalog listing the same Components.
 */
async function measureServiceTables(api: ReturnType<typeof client>) {
  const random = rng(7);
  const t = { list: [] as number[], team: [] as number[], org: [] as number[] };
  const rounds = smoke ? 3 : 20;
  for (let round = 0; round < rounds + 2; round++) {
    const samples = {
      list: await timed(() =>
        api.get('/catalog/entities?filter=kind=component'),
      ),
      team: await timed(() =>
        api.get(
          `/opsdeck/groups/default/team-${Math.floor(
            random() * TEAMS,
          )}/services`,
        ),
      ),
      org: await timed(() => api.get('/opsdeck/org/services')),
    };
    if (round >= 2)
      for (const k of Object.keys(t) as Array<keyof typeof t>)
        t[k].push(samples[k]);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const list = median(t.list);
  console.log(
    `P3 service tables, median of ${rounds}: org ${median(t.org).toFixed(
      0,
    )} ms = ${(median(t.org) / list).toFixed(
      2,
    )}× the catalog listing all ${SERVICES} Components (${list.toFixed(
      0,
    )} ms); one team ${median(t.team).toFixed(0)} ms = ${(
      median(t.team) / list
    ).toFixed(2)}×`,
  );
}

/** P1 baseline: the same rows through knex batchInsert in one transaction, same schema. */
async function batchInsertBaseline(
  dir: string,
  events: Item[][],
): Promise<number> {
  const db: Knex = usePg
    ? knexFactory({
        client: 'pg',
        connection:
          process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
          'postgresql://postgres@127.0.0.1:5432/postgres',
      })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(dir, 'baseline.sqlite') },
        useNullAsDefault: true,
      });
  const schema = `opsdeck_bench_baseline_${Date.now()}`;
  if (usePg) {
    await db.raw(`create schema ${schema}`);
    await db.raw(`set search_path to ${schema}`);
  } else {
    await db.raw('pragma journal_mode = wal');
  }
  await db.migrate.latest({
    directory: resolve(__dirname, '../plugins/opsdeck-backend/migrations'),
  });
  const now = Date.now();
  const rows = events.flat().map((d, i) => {
    const event: DeploymentEvent = {
      key: `bench:${d.id}`,
      service: `annotation:github.com/project-slug=acme/svc-${i % SERVICES}`,
      eventTime: Date.parse(String(d.finishedAt)),
      environment: String(d.environment),
      status: String(d.status),
      finishedAt: Date.parse(String(d.finishedAt)),
      changes: (d.changes as Array<{ sha: string; time: string }>).map(c => ({
        sha: c.sha,
        time: Date.parse(c.time),
      })),
    };
    return deploymentToRow(foldDeployments([event])[0], now);
  });
  const start = performance.now();
  // SQLite caps a compound SELECT (knex's multi-row insert there) at 500 terms.
  const chunk = usePg ? 1000 : 500;
  await db.transaction(tx =>
    tx.batchInsert('opsdeck_deployments', rows, chunk),
  );
  const seconds = (performance.now() - start) / 1000;
  if (usePg) await db.raw(`drop schema ${schema} cascade`);
  await db.destroy();
  return rows.length / seconds;
}

/**
 * H1 — a busy Component: HOT deployments over two years on the last service, then its entity
 * DORA answer (default 90-day window) vs that of a Component with P3's ~200, interleaved.
 */
async function measureHotService(api: ReturnType<typeof client>) {
  const hot = SERVICES - 1;
  const { deps } = serviceHistory(hot, HOT, 0, 'hot', END - 730 * DAY);
  const start = performance.now();
  for (let i = 0; i < deps.length; i += 500) {
    await api.post('/opsdeck/events', {
      version: 1,
      source: 'bench',
      deployments: deps.slice(i, i + 500),
    });
  }
  await api.derived('/opsdeck/org/dora');
  const loaded = (performance.now() - start) / 1000;
  const t = { hot: [] as number[], usual: [] as number[] };
  const rounds = smoke ? 10 : 60;
  for (let round = 0; round < rounds + 5; round++) {
    const samples = {
      usual: await timed(() =>
        api.get('/opsdeck/entities/component/default/svc-0/dora'),
      ),
      hot: await timed(() =>
        api.get(`/opsdeck/entities/component/default/svc-${hot}/dora`),
      ),
    };
    if (round >= 5) {
      t.hot.push(samples.hot);
      t.usual.push(samples.usual);
    }
  }
  console.log(
    `H1 entity DORA p95 on a Component with ${
      HOT + Math.round(DEPLOYMENTS / SERVICES)
    } deployments over two years: ${p95(t.hot).toFixed(1)} ms vs ${p95(
      t.usual,
    ).toFixed(1)} ms with ~${Math.round(DEPLOYMENTS / SERVICES)} = ${(
      p95(t.hot) / p95(t.usual)
    ).toFixed(
      2,
    )}× (goal ≤ 2×; its ${HOT} deployments loaded and derived in ${loaded.toFixed(
      0,
    )} s)`,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-bench-'));
  const port = await freePort();
  console.log(
    `DORA benchmarks on ${usePg ? 'PostgreSQL' : 'SQLite'}${
      smoke ? ' (smoke: small data, figures mean little)' : ''
    }`,
  );
  const backend = await startBackend(dir, port);
  const api = client(port);
  try {
    await until('the catalog and the OpsDeck scopes', async () => {
      await api.get(
        `/catalog/entities/by-name/component/default/svc-${SERVICES - 1}`,
      );
      const org = await api.get('/opsdeck/org/dora');
      if (org.scope.services < SERVICES) {
        throw new Error(`the org holds ${org.scope.services} services so far`);
      }
      return true;
    });

    // P1 — 500-event batches across many services, as a CI exporter sends them: live (events of
    // the last 7 days, what a running CI/CD feed sends) and backfill (events across the year).
    const expectedOrgCount = { n: 0 };
    const p1 = async (name: string, from: number) => {
      const batches: Item[][] = [];
      for (let b = 0; b < P1_EVENTS / 2 / 500; b++) {
        const batch: Item[] = [];
        for (let i = 0; i < 500; i++) {
          const n = b * 500 + i;
          batch.push(
            serviceHistory(n % SERVICES, 1, 0, `${name}${n}`, from).deps[0],
          );
        }
        batches.push(batch);
      }
      const start = performance.now();
      for (const batch of batches) {
        await api.post('/opsdeck/events', {
          version: 1,
          source: 'bench',
          deployments: batch,
        });
      }
      const org = await api.derived(
        '/opsdeck/org/dora?from=2025-01-01&to=2026-12-01',
      );
      const seconds = (performance.now() - start) / 1000;
      expectedOrgCount.n += batches
        .flat()
        .filter(
          d => d.environment === 'production' && d.status === 'success',
        ).length;
      const counted = org.current.deploymentFrequency.detail.count;
      if (counted !== expectedOrgCount.n) {
        throw new Error(
          `P1: the org answer counts ${counted} deployments, not the ${expectedOrgCount.n} sent`,
        );
      }
      const rate = P1_EVENTS / 2 / seconds;
      const baseline = await batchInsertBaseline(dir, batches);
      console.log(
        `P1 ingest, ${name}: ${rate.toFixed(
          0,
        )} events/s through POST /events (until the org answer has them) vs ${baseline.toFixed(
          0,
        )} rows/s knex batchInsert = ${(rate / baseline).toFixed(
          3,
        )}× (goal ≥ 0.2×)`,
      );
    };
    await profiled('p1', () => p1('live', END - 7 * DAY));
    await p1('backfill', START);

    // P3 — 100k deployments (incl. P1's), 300k changes, 5k incidents, 500 services, 50 teams.
    const perService = Math.round((DEPLOYMENTS - P1_EVENTS) / SERVICES);
    const loadSeconds = await load(
      api,
      perService,
      Math.round(INCIDENTS / SERVICES),
      'a',
    );
    console.log(
      `P3 data: ${DEPLOYMENTS} deployments loaded through POST /events in ${loadSeconds.toFixed(
        0,
      )} s (${((perService * SERVICES) / loadSeconds).toFixed(
        0,
      )} deployments/s)`,
    );
    const at100k = await profiled('p3', () => measureQueries(api));
    const ratio = (v: number) => `${(v / at100k.catalog).toFixed(2)}×`;
    console.log(
      `P3 p95 vs catalog by-name p95 (${at100k.catalog.toFixed(
        1,
      )} ms): entity ${ratio(at100k.entity)} (goal ≤ 1.3×), team ${ratio(
        at100k.team,
      )} (≤ 2×), org ${ratio(at100k.org)} (≤ 3×)`,
    );
    await measureServiceTables(api);

    if (with1M) {
      const more = Math.round((1_000_000 - DEPLOYMENTS) / SERVICES);
      const seconds = await load(api, more, 0, 'b');
      console.log(
        `P4 data: 900k more deployments loaded in ${seconds.toFixed(0)} s`,
      );
      const at1M = await measureQueries(api);
      console.log(
        `P4 org p95 at 1M deployments vs at 100k: ${(
          at1M.org / at100k.org
        ).toFixed(2)}× (goal ≤ 1.3×); at 1M vs catalog p95: entity ${(
          at1M.entity / at1M.catalog
        ).toFixed(2)}×, team ${(at1M.team / at1M.catalog).toFixed(2)}×, org ${(
          at1M.org / at1M.catalog
        ).toFixed(2)}×`,
      );
    }

    await measureHotService(api);
  } finally {
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  // Backstage leaves timers behind after stop(); the figures are printed, so end here.
  () => process.exit(0),
  error => {
    console.error(String(error?.stack ?? error).slice(0, 2000));
    process.exit(1);
  },
);
