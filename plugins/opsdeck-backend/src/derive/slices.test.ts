import { TestDatabases } from '@backstage/backend-test-utils';
import {
  DAY_MS,
  DeploymentEvent,
  IncidentEvent,
} from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { openOpsDeckDatabase } from '../store/database';
import { projectionStack } from '../__testUtils__/projectionStack';

// A long history derived in slices: what a late record changes far back is found, and the facts
// are those of a full rebuild. (The arrival-order property checks the same on random histories.)

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 5);
const SERVICE = 'entity:component:default/checkout';
const COMPONENT = 'component:default/checkout';

const deployment = (
  key: string,
  at: number,
  more: Partial<DeploymentEvent> = {},
): DeploymentEvent => ({
  key,
  service: SERVICE,
  eventTime: at,
  environment: 'production',
  status: 'success',
  finishedAt: at,
  commit: { sha: `c0ffee${key.replace(/\W/g, '').slice(-6)}` },
  ...more,
});

/** A year of daily production deployments, each shipping one change made 2 hours before. */
const year = Array.from({ length: 365 }, (_, n) => {
  const at = T0 + n * DAY_MS + 10 * HOUR;
  const sha = `a${String(n).padStart(6, '0')}`;
  return deployment(`ci:${n}`, at, {
    commit: { sha },
    changes: [{ sha, time: at - 2 * HOUR }],
  });
});

async function setUp(id: string) {
  const knex = await databases.init(id as any);
  const db = await openOpsDeckDatabase({ getClient: async () => knex });
  const stack = projectionStack(db, { incrementalFrom: 0 });
  const ingest = (batch: {
    deployments?: DeploymentEvent[];
    incidents?: IncidentEvent[];
  }) => stack.ingest(batch, T0);
  /** The stored facts as derived so far, and as a full rebuild derives them. */
  const incrementalAndRebuilt = async () => {
    const incremental = await facts(db);
    await stack.projection.rebuildAll();
    return { incremental, rebuilt: await facts(db) };
  };
  return { db, ingest, incrementalAndRebuilt };
}

async function facts(db: Knex) {
  const rows = await db('opsdeck_deployment_facts')
    .where('component', COMPONENT)
    .orderBy('record_key');
  return rows.map(r => ({
    key: String(r.record_key),
    failed: Boolean(r.failed),
    mergedInto: r.merged_into ?? null,
    recovery: r.recovery ?? null,
    leadTimes: String(r.lead_times),
    explain: r.explain ?? null,
    dependsUntil: String(r.depends_until),
  }));
}

const factOf = (rows: Awaited<ReturnType<typeof facts>>, key: string) =>
  rows.find(r => r.key === key)!;

describe.each(databases.eachSupportedId())('derivation in slices on %s', id => {
  it('reaches as far back as a late rollback, incident cause or backfilled deployment names', async () => {
    const t = await setUp(id);
    await t.ingest({ deployments: year });
    const end = T0 + 366 * DAY_MS;
    // A rollback today of a deployment eleven months ago, an incident today blamed on one ten
    // months ago, a re-deployment of an old change, and a deployment backfilled nine months back
    // that shipped a change first.
    await t.ingest({
      deployments: [
        deployment('ci:rollback', end, { rollbackOf: 'ci:30' }),
        // Shipped in January already: no lead time of its own.
        deployment('ci:redeploy', end + HOUR, {
          commit: { sha: 'a000010' },
          changes: [{ sha: 'a000010', time: T0 + 10 * DAY_MS }],
        }),
        deployment('gh:backfilled', T0 + 90 * DAY_MS + 9 * HOUR, {
          commit: { sha: 'a000091' },
          changes: [{ sha: 'a000091', time: T0 + 90 * DAY_MS }],
        }),
      ],
      incidents: [
        {
          key: 'pd:late',
          service: SERVICE,
          eventTime: end,
          openedAt: end,
          resolvedAt: end + HOUR,
          causedBy: { deployment: 'ci:60' },
        },
      ],
    });
    const { incremental, rebuilt } = await t.incrementalAndRebuilt();
    expect(factOf(incremental, 'ci:30').failed).toBe(true);
    expect(factOf(incremental, 'ci:60').failed).toBe(true);
    // The backfilled deployment shipped ci:91's change first: the lead time moved to it.
    expect(factOf(incremental, 'gh:backfilled').leadTimes).not.toBe('[]');
    expect(factOf(incremental, 'ci:91').leadTimes).toBe('[]');
    expect(factOf(incremental, 'ci:redeploy').leadTimes).toBe('[]');
    expect(incremental).toEqual(rebuilt);
  });

  it('keeps reports of one rollout together across the start of a slice', async () => {
    const t = await setUp(id);
    const a = T0 + 200 * DAY_MS;
    // Three tools report sha f00d within 100 minutes: gh and argo are one rollout (50 minutes
    // apart); ci, 100 minutes after gh, starts its own.
    const sha = 'f00d0001';
    await t.ingest({
      deployments: [
        ...year,
        deployment('gh:r', a, { commit: { sha } }),
        deployment('argo:r', a + 50 * MINUTE, { commit: { sha } }),
        deployment('ci:r', a + 100 * MINUTE, { commit: { sha } }),
      ],
    });
    // A staging deployment a day and 90 minutes later: its slice is written from 90 minutes
    // after gh:r and reads from 30 minutes after it, in the middle of gh:r's rollout.
    await t.ingest({
      deployments: [
        deployment('ci:staging', a + DAY_MS + 90 * MINUTE, {
          environment: 'staging',
        }),
      ],
    });
    const { incremental, rebuilt } = await t.incrementalAndRebuilt();
    expect(factOf(incremental, 'argo:r').mergedInto).toBe('gh:r');
    expect(factOf(incremental, 'ci:r').mergedInto).toBeNull();
    expect(incremental).toEqual(rebuilt);
  });
});
