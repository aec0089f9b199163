// Crash test for webhook ingestion, on SQLite and on PostgreSQL: a real backend (OpsDeck + the
// GitHub module + a catalog of the ten Components) receives a stream of signed deliveries
// and incident events and is killed with SIGKILL in the middle, five times; after each restart
// the sender resends every delivery it got no answer for plus a random 20 % of the acknowledged
// ones (as providers do). Then: no acknowledged delivery is lost, no row is duplicated, and the
// per-Component DORA facts and daily rollups equal those of a clean run.
// Replica test, on PostgreSQL: two backends on one database share the same stream (each gets
// every other delivery); one is killed with SIGKILL midway and its unanswered deliveries go to
// the other. The facts and rollups equal those of a single-backend run.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import knexFactory, { type Knex } from 'knex';
import { freePort } from './harness.mts';

const ROOT = resolve(import.meta.dirname, '..');
const SECRET = 'crash-test-secret';
const TOKEN = 'crash-test-service-token-0123456789';

/** The ten Components the deliveries are for, found by their GitHub annotation. */
const ENTITIES = (() => {
  const file = join(
    mkdtempSync(join(tmpdir(), 'opsdeck-crash-catalog-')),
    'entities.json',
  );
  const entities = Array.from({ length: 10 }, (_, repo) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${repo}`,
      namespace: 'default',
      annotations: { 'github.com/project-slug': `acme/svc-${repo}` },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team' },
  }));
  writeFileSync(file, JSON.stringify(entities));
  return file;
})();
const PG =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

/** Park–Miller RNG: the same stream on every run. */
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** A signed GitHub delivery, or a batch for `POST /events` (event `events`). */
type Delivery = { id: string; event: string; body: string };

/** 10 repositories, each: 6 × (push of 2 commits, deployment in_progress, then success/failure). */
function deliveries(): Delivery[] {
  const out: Delivery[] = [];
  const random = rng(42);
  const sha = (repo: number, n: number) =>
    `${repo.toString(16).padStart(8, '0')}${n.toString(16).padStart(32, '0')}`;
  // 70 days of history ending before today (OpsDeck refuses instants over a day ahead).
  const t0 = Math.floor(Date.now() / 86_400_000 - 75) * 86_400_000;
  for (let repo = 0; repo < 10; repo++) {
    const full = `acme/svc-${repo}`;
    const repository = {
      full_name: full,
      html_url: `https://github.com/${full}`,
    };
    let head = 0;
    for (let d = 0; d < 6; d++) {
      const at = (h: number) =>
        new Date(
          t0 + (repo * 7 + d) * 86_400_000 + h * 3_600_000,
        ).toISOString();
      const commits = [head + 1, head + 2].map((n, i) => ({
        id: sha(repo, n),
        timestamp: at(i),
      }));
      out.push({
        id: `push-${repo}-${d}`,
        event: 'push',
        body: JSON.stringify({
          ref: 'refs/heads/main',
          before: sha(repo, head),
          after: sha(repo, head + 2),
          forced: false,
          deleted: false,
          repository,
          commits,
        }),
      });
      head += 2;
      const deployment = {
        id: repo * 100 + d,
        sha: sha(repo, head),
        ref: 'main',
        environment: 'production',
        created_at: at(3),
      };
      if (d === 2) {
        // An incident two hours after this deployment: attributed to it by the time window.
        out.push({
          id: `incident-${repo}`,
          event: 'events',
          body: JSON.stringify({
            version: 1,
            source: 'pager',
            incidents: [
              {
                id: `inc-${repo}`,
                service: `component:default/svc-${repo}`,
                openedAt: at(6),
                resolvedAt: at(8),
              },
            ],
          }),
        });
      }
      for (const [state, hour] of [
        ['in_progress', 3],
        [random() < 0.2 ? 'failure' : 'success', 4],
      ] as const) {
        out.push({
          id: `status-${repo}-${d}-${state}`,
          event: 'deployment_status',
          body: JSON.stringify({
            action: 'created',
            deployment_status: {
              state,
              environment: 'production',
              created_at: at(hour),
            },
            deployment,
            repository,
          }),
        });
      }
    }
  }
  return out;
}

/** Every backend started, so a failed test still stops them. */
const children = new Set<ChildProcess>();

async function startBackend(
  database: object,
  port: number,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
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
        OPSDECK_WH_ENTITIES: ENTITIES,
        OPSDECK_WH_TOKEN: TOKEN,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.add(child);
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`backend exited ${child.exitCode}`);
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

async function send(port: number, d: Delivery): Promise<boolean> {
  try {
    if (d.event === 'events') {
      const res = await fetch(`http://127.0.0.1:${port}/api/opsdeck/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TOKEN}`,
          'idempotency-key': d.id,
        },
        body: d.body,
      });
      return res.status === 202;
    }
    const res = await fetch(
      `http://127.0.0.1:${port}/api/opsdeck/webhooks/github`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': d.event,
          'x-github-delivery': d.id,
          'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET)
            .update(d.body)
            .digest('hex')}`,
        },
        body: d.body,
      },
    );
    return res.status === 200 || res.status === 202;
  } catch {
    return false; // the connection died with the backend: not acknowledged
  }
}

/** Sends with 4 in flight; optionally SIGKILLs the backend after `killAfter` answers. */
async function stream(
  port: number,
  list: Delivery[],
  acked: Set<string>,
  kill?: { child: ChildProcess; after: number },
) {
  let next = 0;
  let answered = 0;
  const worker = async () => {
    while (next < list.length) {
      const d = list[next++];
      if (await send(port, d)) acked.add(d.id);
      answered++;
      if (kill && answered === kill.after) kill.child.kill('SIGKILL');
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

/** Waits until every delivery is normalised and every fact and rollup is derived. */
async function settled(db: Knex) {
  const until = Date.now() + 120_000;
  let quiet = 0;
  let queues: Record<string, number> = {};
  while (Date.now() < until) {
    const n = async (table: string, where = {}) =>
      Number((await db(table).where(where).count({ n: '*' }))[0].n);
    queues = {
      pending: await n('opsdeck_raw_deliveries', { status: 'pending' }),
      facts: await n('opsdeck_facts_dirty'),
      days: await n('opsdeck_rollup_dirty'),
      // Until the catalog's annotations are learnt, the deployments map to no Component.
      unmapped: 60 - (await n('opsdeck_deployment_facts')),
    };
    quiet = Object.values(queues).some(Boolean) ? 0 : quiet + 1;
    if (quiet >= 3) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `deliveries were not all processed within 120 s: ${JSON.stringify(queues)}`,
  );
}

/** What DORA is computed from, comparable across runs: the per-Component facts and rollups. */
async function derived(db: Knex) {
  const deployments = await db('opsdeck_deployment_facts')
    .select(
      'component',
      'record_key',
      'finished_at',
      'production_success',
      'completed_production',
      'failed',
      'rework',
      'recovery',
      'lead_times',
      'merged_into',
      'rollup_unit',
    )
    .orderBy(['component', 'record_key']);
  const incidents = await db('opsdeck_incident_facts')
    .select('component', 'record_key', 'opened_at', 'unresolved', 'duration')
    .orderBy(['component', 'record_key']);
  const rollups = await db('opsdeck_rollups')
    .where('scope', 'like', 'svc:%')
    .select(
      'scope',
      'day',
      'sent',
      'successes',
      'completed',
      'failed',
      'unrecovered',
      'opened',
      'lead_n',
      'lead_values',
      'recovery_values',
    )
    .orderBy(['scope', 'day']);
  const normalise = (rows: object[]) =>
    JSON.parse(
      JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? Number(v) : v)),
    );
  return {
    deployments: normalise(deployments),
    incidents: normalise(incidents),
    rollups: normalise(rollups),
  };
}

interface Target {
  name: string;
  /** backend.database config and a knex client of the plugin's database. */
  open(run: string): {
    config: object;
    client: () => Knex;
    cleanup: () => Promise<void>;
  };
}

const sqlite: Target = {
  name: 'SQLite',
  open() {
    const dir = mkdtempSync(join(tmpdir(), 'opsdeck-crash-'));
    let client: Knex | undefined;
    return {
      config: { client: 'better-sqlite3', connection: { directory: dir } },
      client: () =>
        (client ??= knexFactory({
          client: 'better-sqlite3',
          connection: {
            filename: join(
              dir,
              readdirSync(dir).find(f => /opsdeck.*\.sqlite$/.test(f))!,
            ),
          },
          useNullAsDefault: true,
        })),
      cleanup: async () => {
        await client?.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Target = {
  name: 'PostgreSQL',
  open(run) {
    const prefix = `opsdeck_crash_${process.pid}_${run}_`;
    let client: Knex | undefined;
    return {
      config: { client: 'pg', connection: PG, prefix },
      client: () =>
        (client ??= knexFactory({
          client: 'pg',
          connection: Object.assign(new URL(PG), {
            pathname: `/${prefix}opsdeck`,
          }).toString(),
        })),
      cleanup: async () => {
        await client?.destroy();
        const admin = knexFactory({ client: 'pg', connection: PG });
        await admin.raw(
          `DROP DATABASE IF EXISTS "${prefix}opsdeck" WITH (FORCE)`,
        );
        await admin.destroy();
      },
    };
  },
};

for (const target of [sqlite, postgres]) {
  describe(`webhook crash test on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const child of children) child.kill('SIGKILL');
      for (const c of cleanups) await c();
    });

    it('loses no acknowledged delivery, duplicates nothing, and ends with the metrics of a clean run', async () => {
      const all = deliveries();
      const random = rng(7);

      // Clean run: every delivery once, in order, no crash.
      const clean = target.open('clean');
      cleanups.push(clean.cleanup);
      let port = await freePort();
      let child = await startBackend(clean.config, port);
      await stream(port, all, new Set());
      await settled(clean.client());
      const expected = await derived(clean.client());
      child.kill('SIGTERM');
      // The comparison below means something: every deployment and incident has its facts.
      assert.equal(expected.deployments.length, 60);
      assert.equal(expected.incidents.length, 10);
      assert.ok(expected.rollups.length > 0);
      assert.ok(
        expected.deployments.some((d: { failed: unknown }) => d.failed),
      );

      // Crash run: five kills mid-stream.
      const crash = target.open('crash');
      cleanups.push(crash.cleanup);
      const acked = new Set<string>();
      let kills = 0;
      for (let round = 0; round <= 5; round++) {
        port = await freePort();
        child = await startBackend(crash.config, port);
        const list =
          round === 0
            ? all
            : all.filter(d => !acked.has(d.id) || random() < 0.2);
        if (round < 5) {
          await stream(port, list, acked, {
            child,
            after: Math.max(
              1,
              Math.floor(list.length * (0.3 + 0.4 * random())),
            ),
          });
          if (child.exitCode === null && child.signalCode === null) {
            await new Promise(r => child.once('exit', r));
          }
          kills++;
        } else {
          await stream(port, list, acked);
        }
      }
      assert.equal(kills, 5);
      const db = crash.client();
      await settled(db);
      child.kill('SIGTERM');

      const stored = await db('opsdeck_raw_deliveries').select(
        'delivery_id',
        'status',
      );
      const byId = new Map(stored.map(r => [r.delivery_id, r.status]));
      const lost = [...acked].filter(
        id => !['processed', 'quarantined'].includes(byId.get(id)),
      );
      assert.deepEqual(lost, [], 'acknowledged deliveries lost');
      assert.equal(stored.length, all.length, 'one raw row per delivery');
      const events = await db('opsdeck_events').select(
        'kind',
        'record_key',
        'payload_hash',
      );
      assert.equal(
        new Set(events.map(e => `${e.kind} ${e.record_key} ${e.payload_hash}`))
          .size,
        events.length,
        'duplicate event rows',
      );
      assert.equal(
        Number((await db('opsdeck_deployments').count({ n: '*' }))[0].n),
        60,
        'one row per deployment',
      );
      const actual = await derived(db);
      const differing = (kind: 'deployments' | 'incidents' | 'rollups') =>
        actual[kind]
          .map((row: object, i: number) => [row, expected[kind][i]])
          .filter(([a, e]: object[]) => JSON.stringify(a) !== JSON.stringify(e))
          .slice(0, 3);
      if (differing('deployments').length) {
        console.error(JSON.stringify(differing('deployments'), null, 1));
        const keys = differing('deployments').map(([a]: any[]) => a.record_key);
        console.error(
          JSON.stringify(
            await db('opsdeck_deployments')
              .whereIn('record_key', keys)
              .select('record_key', 'changes', 'commit_sha'),
          ),
        );
        console.error(
          JSON.stringify(
            await clean
              .client()('opsdeck_deployments')
              .whereIn('record_key', keys)
              .select('record_key', 'changes', 'commit_sha'),
          ),
        );
      }
      assert.deepEqual(
        differing('deployments'),
        [],
        'facts differ from a clean run',
      );
      assert.deepEqual(
        differing('rollups'),
        [],
        'rollups differ from a clean run',
      );
      assert.deepEqual(actual, expected);
    });

    if (target !== postgres) return;
    it('two replicas on one database, one killed midway, end as a single backend does', async () => {
      const all = deliveries();
      const random = rng(11);

      const single = target.open('single');
      cleanups.push(single.cleanup);
      const port = await freePort();
      const alone = await startBackend(single.config, port);
      await stream(port, all, new Set());
      await settled(single.client());
      const expected = await derived(single.client());
      alone.kill('SIGTERM');
      assert.equal(expected.deployments.length, 60);

      const shared = target.open('replicas');
      cleanups.push(shared.cleanup);
      const [portA, portB] = [await freePort(), await freePort()];
      // One after the other: the first one creates the schema.
      const a = await startBackend(shared.config, portA);
      const b = await startBackend(shared.config, portB);
      const acked = new Set<string>();
      const toA = all.filter((_, i) => i % 2 === 0);
      const toB = all.filter((_, i) => i % 2 === 1);
      await Promise.all([
        stream(portA, toA, acked, {
          child: a,
          after: Math.floor(toA.length / 2),
        }),
        stream(portB, toB, acked),
      ]);
      if (a.exitCode === null && a.signalCode === null)
        await new Promise(r => a.once('exit', r));
      // What A never answered goes to B, with some of what it did (a sender's retries).
      await stream(
        portB,
        all.filter(d => !acked.has(d.id) || random() < 0.2),
        acked,
      );
      const db = shared.client();
      await settled(db);
      b.kill('SIGTERM');

      const stored = await db('opsdeck_raw_deliveries').select('delivery_id');
      assert.equal(stored.length, all.length, 'one raw row per delivery');
      assert.deepEqual(
        [...acked].filter(id => !stored.some(r => r.delivery_id === id)),
        [],
        'acknowledged deliveries lost',
      );
      assert.deepEqual(await derived(db), expected);
    });
  });
}
