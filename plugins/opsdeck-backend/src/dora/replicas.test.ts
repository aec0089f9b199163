import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { inMemoryDatabase } from '../__testUtils__/inMemoryDatabase';
import { manualScheduler } from '../__testUtils__/manualScheduler';
import { readDerived } from '../__testUtils__/readDerived';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

const deployment = (id: string, day: number) => ({
  id,
  service: 'component:default/checkout',
  environment: 'production',
  status: 'success',
  finishedAt: new Date(Date.UTC(2026, 0, day, 10)).toISOString(),
});
const WINDOW = 'from=2026-01-05&to=2026-01-12';

/** One replica of the backend on the shared database; it derives only what it ingests. */
async function replica(database: ReturnType<typeof inMemoryDatabase>) {
  const { tasks, factory: scheduler } = manualScheduler();
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities }),
      scheduler,
      database.factory,
    ],
  });
  return { server, tasks };
}

const send = (server: any, deployments: object[]) =>
  request(server)
    .post('/api/opsdeck/events')
    .set('Authorization', mockCredentials.service.header())
    .send({ version: 1, source: 'ci', deployments })
    .expect(202);

describe('remembered answers on several replicas', () => {
  it('show what another replica derived as soon as it is derived', async () => {
    const database = inMemoryDatabase();
    const reader = await replica(database);
    const writer = await replica(database);
    await send(writer.server, [deployment('1', 5)]);
    await writer.tasks.get('opsdeck-entity-index-refresh')!();

    const paths = [
      `/api/opsdeck/org/dora?${WINDOW}`,
      `/api/opsdeck/groups/default/payments/dora?${WINDOW}`,
      `/api/opsdeck/entities/component/default/checkout/dora?${WINDOW}`,
    ];
    const counts = async () =>
      Promise.all(
        paths.map(
          async path =>
            (await readDerived(reader.server, path)).body.current
              .deploymentFrequency.detail.count,
        ),
      );
    // The reader answers (and remembers) one deployment everywhere.
    expect(await counts()).toEqual([1, 1, 1]);
    expect(await counts()).toEqual([1, 1, 1]);

    // The writer ingests and derives two more; the reader derives nothing itself.
    await send(writer.server, [deployment('2', 6), deployment('3', 7)]);
    expect(await counts()).toEqual([3, 3, 3]);
  });
});
