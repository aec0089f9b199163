/* eslint-disable no-console */
// Benchmark I1 — does ingest cost follow the batch or the history? One new deployment is stored
// and derived (facts and rollups, until nothing is pending) on a Component that already has
// HOT deployments over two years, vs the same on a Component with 200. Same code, same SQLite
// file database, the projection OpsDeck's plugin composes; median of 5 each. Goal (issue 16):
// ≈ 1× — derivation that starts from the first instant a new event can change.
// Run: node --require @backstage/cli/config/nodeTransform.cjs bench/history.bench.ts [--smoke]
import { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Projection } from '../plugins/opsdeck-backend/src/derive/Projection';
import { openOpsDeckDatabase } from '../plugins/opsdeck-backend/src/store/database';
import { DatabaseEventStore } from '../plugins/opsdeck-backend/src/store/DatabaseEventStore';

const smoke = process.argv.includes('--smoke');
const SMALL = 200;
const HOT = smoke ? 5_000 : 50_000;
const ROUNDS = 5;
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 1);
const SERVICE = 'entity:component:default/hot';

const quiet = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => quiet,
} as unknown as LoggerService;

/** Milliseconds to store and derive one new deployment, median of ROUNDS, on a history of n. */
async function oneNewDeployment(dir: string, n: number): Promise<number> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, `history-${n}.sqlite`) },
    useNullAsDefault: true,
  });
  try {
    const db = await openOpsDeckDatabase({ getClient: async () => knex });
    const events = DatabaseEventStore.of(db, {});
    const { projection } = Projection.on(db, {
      rules: {},
      rulesHash: 'bench',
      logger: quiet,
    });
    let delivery = 0;
    const store = (deployments: object[]) =>
      events.ingest({
        delivery: {
          source: 'bench',
          deliveryId: `d${++delivery}`,
          receivedAt: END,
          headers: {},
          body: Buffer.from(String(delivery)),
        },
        deployments: deployments as any,
        incidents: [],
      });
    const span = 730 * DAY;
    const deployment = (key: string, t: number, failed: boolean) => ({
      key,
      service: SERVICE,
      eventTime: t,
      environment: 'production',
      status: failed ? 'failure' : 'success',
      finishedAt: t,
      changes: [{ sha: key.replace(/\W/g, ''), time: t - 3_600_000 }],
    });
    for (let i = 0; i < n; i += 500) {
      await store(
        Array.from({ length: Math.min(500, n - i) }, (_, j) =>
          deployment(
            `ci:${i + j}`,
            END - span + Math.floor(((i + j) / n) * span),
            (i + j) % 9 === 0,
          ),
        ),
      );
    }
    await projection.catchUp();
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const start = performance.now();
      await store([deployment(`ci:new${r}`, END - (r + 1) * 3_600_000, false)]);
      await projection.catchUp();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
  } finally {
    await knex.destroy();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-history-bench-'));
  try {
    const small = await oneNewDeployment(dir, SMALL);
    const hot = await oneNewDeployment(dir, HOT);
    console.log(
      `I1 one new deployment stored and derived: ${hot.toFixed(
        0,
      )} ms on a Component with ${HOT} deployments vs ${small.toFixed(
        0,
      )} ms with ${SMALL} = ${(hot / small).toFixed(1)}× (goal ≈ 1×)${
        smoke ? ' (smoke: small data, figures mean little)' : ''
      }`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
