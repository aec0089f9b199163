import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  opsdeckOnCallProvidersExtensionPoint,
  opsdeckWebhookSourcesExtensionPoint,
} from '@opsdeck/backstage-plugin-node';
import request from 'supertest';
import { opsdeckPlugin } from './plugin';
import { inMemoryDatabase } from './__testUtils__/inMemoryDatabase';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'github.com/project-slug': 'acme/checkout',
      'pagerduty.com/service-id': 'PABC123',
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

const exampleSourceModule = createBackendModule({
  pluginId: 'opsdeck',
  moduleId: 'example-source',
  register(env) {
    env.registerInit({
      deps: {
        sources: opsdeckWebhookSourcesExtensionPoint,
        providers: opsdeckOnCallProvidersExtensionPoint,
      },
      async init({ sources, providers }) {
        sources.addWebhookSource({
          id: 'example',
          verify: async () => ({ deliveryId: 'x' }),
          normalize: () => ({}),
        });
        providers.addOnCallProvider({
          id: 'example-rota',
          annotations: ['example.com/rota'],
          getOnCall: async () => ({ levels: [] }),
        });
      },
    });
  },
});

describe('opsdeck backend plugin', () => {
  it('answers /health without credentials and lists installed modules', async () => {
    const { server } = await startTestBackend({
      features: [
        opsdeckPlugin,
        exampleSourceModule,
        catalogServiceMock.factory(),
      ],
    });
    const res = await request(server)
      .get('/api/opsdeck/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      webhookSources: ['example'],
      oncallProviders: ['example-rota'],
      sliProviders: ['prometheus'],
    });
  });

  it('refuses to start when two modules add a source with the same id', async () => {
    const duplicate = createBackendModule({
      pluginId: 'opsdeck',
      moduleId: 'duplicate-source',
      register(env) {
        env.registerInit({
          deps: { sources: opsdeckWebhookSourcesExtensionPoint },
          async init({ sources }) {
            sources.addWebhookSource({
              id: 'example',
              verify: async () => ({ deliveryId: 'y' }),
              normalize: () => ({}),
            });
          },
        });
      },
    });
    await expect(
      startTestBackend({
        features: [
          opsdeckPlugin,
          exampleSourceModule,
          duplicate,
          catalogServiceMock.factory(),
        ],
      }),
    ).rejects.toThrow(/webhook source 'example' was added twice/);
  });

  it('schedules the entity-index refresh at the configured interval', async () => {
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      features: [
        opsdeckPlugin,
        catalogServiceMock.factory(),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: { opsdeck: { mapping: { refreshInterval: '30s' } } },
        }),
      ],
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'opsdeck-entity-index-refresh',
        frequency: { seconds: 30 },
      }),
    );
  });

  it('returns the coverage of an entity the caller may read', async () => {
    const { server } = await startTestBackend({
      features: [
        opsdeckPlugin,
        catalogServiceMock.factory({ entities: [checkout] }),
      ],
    });
    const res = await request(server).get(
      '/api/opsdeck/entities/component/default/checkout/coverage',
    );
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/checkout');
    const present = res.body.items
      .filter((i: { present: boolean }) => i.present)
      .map((i: { id: string }) => i.id);
    expect(present).toEqual([
      'owner',
      'oncall',
      'deployments',
      'incidents',
      'ci',
    ]);
    // 5 of 8 integrations → 62 %
    expect(res.body.percent).toBe(62);
    expect(res.body.annotations).toEqual(checkout.metadata.annotations);
  });

  it("reads the entity with the caller's own credentials", async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => checkout),
    });
    const { server } = await startTestBackend({
      features: [opsdeckPlugin, catalog.factory],
    });
    await request(server)
      .get('/api/opsdeck/entities/Component/default/checkout/coverage')
      .set('Authorization', mockCredentials.user.header('user:default/ada'))
      .expect(200);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/checkout',
      { credentials: mockCredentials.user('user:default/ada') },
    );
  });

  it('answers 404 naming the entity when the catalog does not have it (or hides it)', async () => {
    const { server } = await startTestBackend({
      features: [opsdeckPlugin, catalogServiceMock.factory({ entities: [] })],
    });
    const res = await request(server).get(
      '/api/opsdeck/entities/component/default/ghost/coverage',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('component:default/ghost');
  });

  it('answers 401 to a caller without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        opsdeckPlugin,
        catalogServiceMock.factory({ entities: [checkout] }),
      ],
    });
    const res = await request(server)
      .get('/api/opsdeck/entities/component/default/checkout/coverage')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });

  it('answers 503 with Retry-After when the database is down', async () => {
    const { db, factory } = inMemoryDatabase();
    const { server } = await startTestBackend({
      features: [opsdeckPlugin, catalogServiceMock.factory(), factory],
    });
    await request(server).get('/api/opsdeck/health').expect(200);
    await db.destroy(); // the outage
    const res = await request(server).get('/api/opsdeck/health');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.message).toMatch(
      /^The OpsDeck database does not answer/,
    );
  });
});
