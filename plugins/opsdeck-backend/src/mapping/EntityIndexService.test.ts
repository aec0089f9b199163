import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { openOpsDeckDatabase } from '../store/database';
import { EntityIndexService } from './EntityIndexService';
import { projectionStack } from '../__testUtils__/projectionStack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});
const T = Date.UTC(2026, 0, 5, 10);
const WINDOW = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 8) };

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

describe.each(databases.eachSupportedId())(
  'entity mapping on %s',
  databaseId => {
    it('keeps events for a service the catalog does not know, and maps them at the next refresh', async () => {
      const knex = await databases.init(databaseId);
      const db = await openOpsDeckDatabase({ getClient: async () => knex });
      const { events, indexStore, projection, factsStore } =
        projectionStack(db);
      const keysOf = async (ref: string) => {
        await projection.catchUp();
        return (await factsStore.readWindowFacts(ref, WINDOW)).deployments.map(
          d => d.key,
        );
      };
      let catalogEntities: Entity[] = [
        component('checkout', { 'pagerduty.com/service-id': 'P1' }),
      ];
      const catalog = catalogServiceMock.mock({
        getEntities: jest.fn(async () => ({ items: catalogEntities })),
      });
      const index = new EntityIndexService({
        catalog,
        auth: mockServices.auth(),
        store: indexStore,
        projection,
        logger: mockServices.logger.mock(),
      });

      await events.ingest({
        delivery: {
          source: 'events',
          deliveryId: 'd1',
          receivedAt: T,
          headers: {},
          body: Buffer.from(''),
        },
        deployments: [
          {
            key: 'gh:1',
            service: 'annotation:github.com/project-slug=acme/newcomer',
            eventTime: T,
            environment: 'production',
            status: 'success',
            finishedAt: T,
          },
        ],
        incidents: [],
      });
      expect(await index.refresh()).toMatchObject({ entities: 1, rows: 1 });
      const newcomer = 'component:default/newcomer';
      expect(await keysOf(newcomer)).toEqual([]);
      expect(await indexStore.unmappedServices()).toEqual([
        {
          service: 'annotation:github.com/project-slug=acme/newcomer',
          deployments: 1,
          incidents: 0,
        },
      ]);

      // The catalog learns the service; one refresh later its history is there, no restart.
      catalogEntities = [
        ...catalogEntities,
        component('newcomer', { 'github.com/project-slug': 'acme/newcomer' }),
      ];
      await index.refresh();
      expect(await keysOf(newcomer)).toEqual(['gh:1']);
      expect(await indexStore.unmappedServices()).toEqual([]);

      // A service removed from the catalog loses the mapping again.
      catalogEntities = catalogEntities.slice(0, 1);
      await index.refresh();
      expect(await indexStore.identitiesOf(newcomer)).toEqual([
        `entity:${newcomer}`,
      ]);
      // …and its facts with it: the Component's history is rebuilt without the annotation.
      expect(await keysOf(newcomer)).toEqual([]);
    });

    it('reads only the window: rows outside it are not returned', async () => {
      const knex = await databases.init(databaseId);
      const { events, projection, factsStore } = projectionStack(
        await openOpsDeckDatabase({ getClient: async () => knex }),
      );
      const at = (key: string, t: number) => ({
        key,
        service: 'entity:component:default/checkout',
        eventTime: t,
        environment: 'production',
        status: 'success',
        finishedAt: t,
      });
      await events.ingest({
        delivery: {
          source: 'events',
          deliveryId: 'd1',
          receivedAt: T,
          headers: {},
          body: Buffer.from(''),
        },
        deployments: [
          at('gh:before', WINDOW.from - 1),
          at('gh:in', WINDOW.from),
          at('gh:end', WINDOW.to),
        ],
        incidents: [],
      });
      await projection.catchUp();
      const scope = await factsStore.readWindowFacts(
        'component:default/checkout',
        WINDOW,
      );
      expect(scope.deployments.map(d => d.key)).toEqual(['gh:in']);
    });
  },
);
