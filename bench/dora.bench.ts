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
//     [--no-p1] [--no-h1] [--profile]
import {
  DeploymentEvent,
  foldDeployments,
} from '@opsdeck/backstage-plugin-common';
import knexFactory, { Knex } from 'knex';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deploymentToRow } from '../plugins/opsdeck-backend/src/store/rows';
import {
  DAY,
  END,
  Item,
  SERVICES,
  START,
  TEAMS,
  args,
  client,
  load,
  p95,
  profiled,
  rng,
  serviceHistory,
  smoke,
  timed,
  until,
  usePg,
  withPortal,
} from './portal';

const with1M = !smoke && !args.includes('--no-1m');
/** `--no-p1` / `--no-h1` skip those parts (P3's data then makes up for P1's events). */
const withP1 = !args.includes('--no-p1');
const withH1 = !args.includes('--no-h1');

const DEPLOYMENTS = smoke ? 4_000 : 100_000;
/** H1: deployments of the busy Component. */
const HOT = smoke ? 2_000 : 50_000;
const INCIDENTS = smoke ? 100 : 5_000;
const P1_EVENTS = smoke ? 2_000 : 20_000;
const QUERY_ROUNDS = smoke ? 20 : 200;

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
  await withPortal('DORA benchmarks', async (api, _port, dir) => {
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
    if (withP1) {
      await profiled('p1', () => p1('live', END - 7 * DAY));
      await p1('backfill', START);
    }

    // P3 — 100k deployments (incl. P1's), 300k changes, 5k incidents, 500 services, 50 teams.
    const perService = Math.round(
      (DEPLOYMENTS - (withP1 ? P1_EVENTS : 0)) / SERVICES,
    );
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
    await profiled('tables', () => measureServiceTables(api));

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

    if (withH1) await measureHotService(api);
  });
}

main().then(
  // Backstage leaves timers behind after stop(); the figures are printed, so end here.
  () => process.exit(0),
  error => {
    console.error(String(error?.stack ?? error).slice(0, 2000));
    process.exit(1);
  },
);
