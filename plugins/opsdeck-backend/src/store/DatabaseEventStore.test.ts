import { TestDatabases } from '@backstage/backend-test-utils';
import {
  DeploymentEvent,
  IncidentEvent,
} from '@opsdeck/backstage-plugin-common';
import { DatabaseEventStore } from './DatabaseEventStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});
const T = Date.UTC(2026, 0, 5, 10);
const H = 3_600_000;

const delivery = (deliveryId: string) => ({
  source: 'events',
  deliveryId,
  receivedAt: T + 10 * H,
  headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
  body: Buffer.from('{}'),
});

const deployed = (over: Partial<DeploymentEvent> = {}): DeploymentEvent => ({
  key: 'ci:1',
  service: 'entity:component:default/checkout',
  eventTime: T,
  environment: 'production',
  status: 'success',
  finishedAt: T,
  commit: { sha: 'abc1234', time: T - H },
  ...over,
});

describe.each(databases.eachSupportedId())(
  'DatabaseEventStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseEventStore.create({
        database: { getClient: async () => knex },
      });
      return { knex, store };
    }

    it('keeps every update of one record when deliveries for it arrive at the same time', async () => {
      const { store } = await createStore();
      // 30 concurrent deliveries, each one field update of deployment ci:9; the last status
      // (by event time) is success, and the title of the latest event wins.
      await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          store.ingest({
            delivery: delivery(`concurrent-${n}`),
            deployments: [
              deployed({
                key: 'ci:9',
                eventTime: T + n * H,
                status: n === 29 ? 'success' : 'in_progress',
                finishedAt: n === 29 ? T + n * H : undefined,
                title: `update ${n}`,
              }),
            ],
            incidents: [],
          }),
        ),
      );
      const [record] = await store.getDeployments(['ci:9']);
      expect(record).toMatchObject({
        status: 'success',
        finishedAt: T + 29 * H,
        title: 'update 29',
      });
    });

    it('stores a delivery and folds its events into queryable records', async () => {
      const { store } = await createStore();
      const incident: IncidentEvent = {
        key: 'pd:7',
        service: 'annotation:pagerduty.com/service-id=P1',
        eventTime: T + 2 * H,
        openedAt: T + H,
        resolvedAt: T + 2 * H,
        causedBy: { deployment: 'ci:1' },
      };
      const result = await store.ingest({
        delivery: delivery('d1'),
        deployments: [deployed()],
        incidents: [incident],
      });
      expect(result).toEqual({
        duplicate: false,
        storedEvents: 2,
        updatedRecords: 2,
      });
      expect(await store.getDeployments(['ci:1'])).toEqual([
        {
          key: 'ci:1',
          service: 'entity:component:default/checkout',
          environment: 'production',
          status: 'success',
          finishedAt: T,
          commit: { sha: 'abc1234', time: T - H },
        },
      ]);
      expect(await store.getIncidents(['pd:7'])).toEqual([
        {
          key: 'pd:7',
          service: 'annotation:pagerduty.com/service-id=P1',
          openedAt: T + H,
          resolvedAt: T + 2 * H,
          causedBy: { deployment: 'ci:1' },
        },
      ]);
    });

    it('a redelivery changes nothing; the same event in a new delivery is stored once', async () => {
      const { store } = await createStore();
      await store.ingest({
        delivery: delivery('d1'),
        deployments: [deployed()],
        incidents: [],
      });
      expect(
        await store.ingest({
          delivery: delivery('d1'),
          deployments: [deployed({ status: 'failure' })],
          incidents: [],
        }),
      ).toEqual({
        duplicate: true,
        storedEvents: 0,
        updatedRecords: 0,
      });
      const again = await store.ingest({
        delivery: delivery('d2'),
        deployments: [deployed()],
        incidents: [],
      });
      expect(again.storedEvents).toBe(0);
      expect(await store.counts()).toEqual({
        events: 1,
        deployments: 1,
        incidents: 0,
      });
      expect((await store.getDeployments(['ci:1']))[0].status).toBe('success');
    });

    it('an update overwrites a field only if its event time is not older', async () => {
      const { store } = await createStore();
      await store.ingest({
        delivery: delivery('d1'),
        deployments: [
          deployed({ eventTime: T + H, finishedAt: T + H, title: 'new' }),
        ],
        incidents: [],
      });
      // arrives later but happened earlier: does not win
      await store.ingest({
        delivery: delivery('d2'),
        deployments: [
          deployed({
            eventTime: T,
            finishedAt: T,
            status: 'failure',
            title: 'old',
          }),
        ],
        incidents: [],
      });
      const [d] = await store.getDeployments(['ci:1']);
      expect(d).toMatchObject({
        status: 'success',
        finishedAt: T + H,
        title: 'new',
      });
    });

    it('a failing batch writes nothing, not even the delivery', async () => {
      const { store, knex } = await createStore();
      const broken = deployed({
        key: 'ci:2',
        service: null as unknown as string,
      }); // violates NOT NULL
      // Compared as text: the driver's error class may come from another jest realm, which
      // makes rejects.toThrow() flaky when several test files share a worker.
      const outcome = await store
        .ingest({
          delivery: delivery('d1'),
          deployments: [deployed(), broken],
          incidents: [],
        })
        .then(
          () => 'stored',
          error => String(error),
        );
      expect(outcome).toMatch(
        /NOT NULL constraint failed|violates not-null constraint/,
      );
      expect(await store.counts()).toEqual({
        events: 0,
        deployments: 0,
        incidents: 0,
      });
      expect(
        Number((await knex('opsdeck_raw_deliveries').count({ n: '*' }))[0].n),
      ).toBe(0);
    });

    it('stores batches larger than one statement', async () => {
      const { store } = await createStore();
      const many = Array.from({ length: 450 }, (_, n) =>
        deployed({ key: `ci:${n}`, eventTime: T + n, finishedAt: T + n }),
      );
      const result = await store.ingest({
        delivery: delivery('big'),
        deployments: many,
        incidents: [],
      });
      expect(result.storedEvents).toBe(450);
      expect((await store.counts()).deployments).toBe(450);
    });
  },
);
