import { TestDatabases } from '@backstage/backend-test-utils';
import {
  DeploymentEvent,
  IncidentEvent,
  aggregateDoraMetrics,
  computeDoraMetrics,
  foldDeployments,
  foldIncidents,
} from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { openOpsDeckDatabase } from './database';
import { projectionStack } from '../__testUtils__/projectionStack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});
const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 0, 5);
const WINDOW = { from: T0, to: T0 + 14 * D };
const A = 'entity:component:default/checkout';
const B = 'annotation:pagerduty.com/service-id=PPAY';
/** The Components: checkout names itself, pager is mapped by its PagerDuty annotation. */
const COMPONENT: Record<string, string> = {
  [A]: 'component:default/checkout',
  [B]: 'component:default/pager',
};

async function setUp(knex: Knex, rules = {}) {
  const db = await openOpsDeckDatabase({ getClient: async () => knex });
  const stack = projectionStack(db, { rules });
  await stack.indexStore.replaceAll([
    {
      annotationKey: 'pagerduty.com/service-id',
      annotationValue: 'PPAY',
      entityRef: COMPONENT[B],
    },
  ]);
  // The mapping queued pager (its history changed); start from an empty queue.
  await stack.projection.catchUp();
  return stack;
}

const dep = (
  key: string,
  service: string,
  t: number,
  more: Partial<DeploymentEvent> = {},
): DeploymentEvent => ({
  key,
  service,
  eventTime: t,
  environment: 'production',
  status: 'success',
  finishedAt: t,
  ...more,
});
const inc = (
  key: string,
  service: string,
  t: number,
  more: Partial<IncidentEvent> = {},
): IncidentEvent => ({
  key,
  service,
  eventTime: t,
  openedAt: t,
  ...more,
});

// Three deliveries whose order matters for the facts: a rollback and a cross-service cause arrive late.
const batches: Array<{
  deployments: DeploymentEvent[];
  incidents: IncidentEvent[];
}> = [
  {
    deployments: [
      dep('ci:1', A, T0 + D, { changes: [{ sha: 'c1', time: T0 }] }),
      dep('ci:2', A, T0 + 2 * D, {
        changes: [
          { sha: 'c1', time: T0 },
          { sha: 'c2', time: T0 + D },
        ],
      }),
      dep('ci:3', A, T0 - 2 * D), // before the window: deployment frequency is not "never"
      dep('ci:9', B, T0 + 3 * D),
    ],
    incidents: [
      inc('pd:1', A, T0 + D + 2 * H, {
        resolvedAt: T0 + D + 5 * H,
        eventTime: T0 + D + 5 * H,
      }),
    ],
  },
  {
    deployments: [
      dep('ci:4', A, T0 + 3 * D, { rollbackOf: 'ci:2', rework: true }),
    ],
    incidents: [
      inc('pd:2', B, T0 + 5 * D, { causedBy: { deployment: 'ci:4' } }),
    ], // blames A's ci:4
  },
  {
    deployments: [
      dep('ci:5', A, T0 + 4 * D, { status: 'failure' }),
      dep('ci:6', A, T0 + 4 * D + 3 * H),
    ],
    incidents: [
      inc('pd:2', B, T0 + 6 * D, {
        resolvedAt: T0 + 6 * D,
        eventTime: T0 + 6 * D,
        openedAt: T0 + 5 * D,
      }),
    ],
  },
];

describe.each(databases.eachSupportedId())(
  'stored DORA facts on %s',
  databaseId => {
    it("give the same metrics from the window's rows as the pure computation over all events", async () => {
      const knex = await databases.init(databaseId);
      const { events: store, projection, factsStore } = await setUp(knex);
      let n = 0;
      for (const batch of batches) {
        await store.ingest({
          delivery: {
            source: 'events',
            deliveryId: `d${n++}`,
            receivedAt: T0 + 10 * D,
            headers: {},
            body: Buffer.from(''),
          },
          ...batch,
        });
        // Facts are re-derived later, for several deliveries at once: sometimes after each.
        if (n % 2) await projection.catchUp();
      }
      await projection.catchUp();
      // Re-deriving unchanged histories writes no fact and queues no rollup day.
      await factsStore.markComponents(Object.values(COMPONENT));
      expect(await projection.catchUp()).toEqual({ components: 2, days: 0 });
      const all = {
        deployments: foldDeployments(batches.flatMap(b => b.deployments)),
        incidents: foldIncidents(batches.flatMap(b => b.incidents)),
      };
      for (const scope of [[A], [B]]) {
        const inScope = {
          deployments: all.deployments.filter(d => scope.includes(d.service)),
          // incidents of other services that blame the scope's deployments still mark them failed
          incidents: all.incidents,
        };
        const expected = computeDoraMetrics(inScope, { window: WINDOW });
        // MTTR counts only the scope's own incidents
        expected.mttr = computeDoraMetrics(
          {
            deployments: [],
            incidents: all.incidents.filter(i => scope.includes(i.service)),
          },
          { window: WINDOW },
        ).mttr;
        const stored = aggregateDoraMetrics(
          await factsStore.readWindowFacts(COMPONENT[scope[0]], WINDOW),
          { window: WINDOW },
        );
        expect(stored).toEqual(expected);
      }
      const a = aggregateDoraMetrics(
        await factsStore.readWindowFacts(COMPONENT[A], WINDOW),
        { window: WINDOW },
      );
      // in the window ci:1, 2, 4, 5, 6 completed (ci:3 is before it); failed: ci:1 (pd:1 opened 2 h
      // after it), ci:2 (rolled back by ci:4), ci:4 (blamed by B's pd:2), ci:5 (status failure)
      expect(a.changeFailRate.detail).toEqual({ failed: 4, completed: 5 });
    });

    it('rebuilding all facts under other rules changes the answers', async () => {
      const knex = await databases.init(databaseId);
      const { events: store, projection, factsStore } = await setUp(knex);
      await store.ingest({
        delivery: {
          source: 'events',
          deliveryId: 'd',
          receivedAt: T0,
          headers: {},
          body: Buffer.from(''),
        },
        deployments: [dep('ci:1', A, T0 + D, { environment: 'production-eu' })],
        incidents: [],
      });
      expect((await projection.catchUp()).components).toBe(1);
      const before = aggregateDoraMetrics(
        await factsStore.readWindowFacts(COMPONENT[A], WINDOW),
        { window: WINDOW },
      );
      expect(before.deploymentFrequency.detail.count).toBe(0); // production-eu is not production
      const relaxed = await setUp(knex, {
        productionEnvironments: ['production*'],
      });
      // Every known Component: checkout, and pager (mapped by its annotation).
      expect((await relaxed.projection.rebuildAll()).services).toBe(2);
      const after = aggregateDoraMetrics(
        await factsStore.readWindowFacts(COMPONENT[A], WINDOW),
        { window: WINDOW },
      );
      expect(after.deploymentFrequency.detail.count).toBe(1);
    });
  },
);
