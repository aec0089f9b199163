import { TestDatabases } from '@backstage/backend-test-utils';
import { DeploymentEvent } from '@opsdeck/backstage-plugin-common';
import { openOpsDeckDatabase } from '../store/database';
import { projectionStack } from '../__testUtils__/projectionStack';

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const deployment = (i: number): DeploymentEvent => ({
  key: `ci:${i}`,
  service: 'entity:component:default/checkout',
  eventTime: Date.UTC(2026, 0, 5) + i,
  environment: 'production',
  status: 'success',
  finishedAt: Date.UTC(2026, 0, 5) + i,
});

describe('how far derivation has come', () => {
  it.each(databases.eachSupportedId())(
    'counts pending events exactly up to 1 000, then by row ids, and 0 once derived (%p)',
    async id => {
      const db = await openOpsDeckDatabase({
        getClient: async () => databases.init(id),
      });
      const { events, projection } = projectionStack(db);
      const store = (n: number, from: number) =>
        events.ingest({
          delivery: {
            source: 'events',
            deliveryId: `d${from}`,
            receivedAt: Date.UTC(2026, 0, 5),
            headers: {},
            body: Buffer.from(String(from)),
          },
          deployments: Array.from({ length: n }, (_, i) =>
            deployment(from + i),
          ),
          incidents: [],
        });
      await store(7, 0);
      expect((await projection.state()).pendingEvents).toBe(7);
      await store(1_500, 100);
      const backlog = (await projection.state()).pendingEvents!;
      // 1 507 stored; ids may skip on PostgreSQL, never fall short.
      expect(backlog).toBeGreaterThanOrEqual(1_507);
      // SQLite's row ids have no gaps here: exactly the backlog.
      expect(id === 'SQLITE_3' ? backlog : 1_507).toBe(1_507);
      await projection.catchUp();
      expect((await projection.state()).pendingEvents).toBe(0);
    },
  );
});
