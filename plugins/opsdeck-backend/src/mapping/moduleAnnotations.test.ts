import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import {
  OpsDeckOnCallProvider,
  OpsDeckWebhookSource,
  opsdeckOnCallProvidersExtensionPoint,
  opsdeckWebhookSourcesExtensionPoint,
  parseWebhookJson,
} from '@opsdeck/backstage-plugin-node';
import request from 'supertest';
import { ownedComponent, testGroup } from '../__testUtils__/entities';
import { startWebhookBackend } from '../__testUtils__/webhookBackend';
import { readDerived } from '../__testUtils__/readDerived';

/** Annotation keys OpsDeck has never heard of. */
const ROTA = 'acme.example/rota';
const SERVICE = 'acme.example/service';

/** An on-call provider that answers for `acme.example/rota` only. */
const rotaProvider: OpsDeckOnCallProvider = {
  id: 'acme-rota',
  title: 'Acme Rota',
  annotations: [ROTA],
  async getOnCall({ annotation, value }) {
    return {
      levels: [
        {
          level: 1,
          people: [{ name: `Rota ${value}`, email: 'rota@acme.example' }],
        },
      ],
      incidents: annotation === ROTA ? [] : undefined,
    };
  },
};

/** A webhook source whose deployments name services by `acme.example/service`. */
const ciSource: OpsDeckWebhookSource = {
  id: 'acme-ci',
  annotations: { deployments: [SERVICE] },
  async verify({ headers }) {
    if (headers['x-acme-token'] !== 'acme-secret') {
      throw new AuthenticationError('x-acme-token does not match');
    }
    return { deliveryId: String(headers['x-acme-delivery']) };
  },
  normalize({ rawBody }) {
    const body = parseWebhookJson(rawBody);
    return {
      deployments: [
        {
          id: body.id,
          service: { annotation: SERVICE, value: body.service },
          environment: 'production',
          status: 'success',
          finishedAt: body.at,
          commit: { sha: body.sha, time: body.committedAt },
        },
      ],
    };
  },
};

const acmeModule = createBackendModule({
  pluginId: 'opsdeck',
  moduleId: 'acme',
  register(reg) {
    reg.registerInit({
      deps: {
        oncall: opsdeckOnCallProvidersExtensionPoint,
        sources: opsdeckWebhookSourcesExtensionPoint,
      },
      async init({ oncall, sources }) {
        oncall.addOnCallProvider(rotaProvider);
        sources.addWebhookSource(ciSource);
      },
    });
  },
});

const entities = [
  // Names no on-call itself: inherits the team's Acme rota.
  ownedComponent('checkout', 'payments', { [SERVICE]: 'checkout-svc' }),
  ownedComponent('billing', 'payments', { [ROTA]: 'billing-rota' }),
  {
    ...testGroup('payments'),
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { [ROTA]: 'payments-rota' },
    },
  },
];

const user = { Authorization: mockCredentials.user.header() };

describe('modules with annotations OpsDeck has never heard of', () => {
  it('are chosen for on-call (own and inherited), index their deliveries into DORA, and count in coverage', async () => {
    const { server, settle } = await startWebhookBackend({
      entities,
      features: [acmeModule],
    });

    const own = await request(server)
      .get('/api/opsdeck/entities/component/default/billing/oncall')
      .set(user);
    expect(own.body).toMatchObject({
      provider: 'acme-rota',
      source: { annotation: ROTA, origin: 'own' },
      levels: [{ level: 1, people: [{ name: 'Rota billing-rota' }] }],
    });
    const inherited = await request(server)
      .get('/api/opsdeck/entities/component/default/checkout/oncall')
      .set(user);
    expect(inherited.body).toMatchObject({
      provider: 'acme-rota',
      source: {
        annotation: ROTA,
        origin: 'group',
        entityRef: 'group:default/payments',
      },
      levels: [{ people: [{ name: 'Rota payments-rota' }] }],
    });

    const delivery = await request(server)
      .post('/api/opsdeck/webhooks/acme-ci')
      .set({ 'x-acme-token': 'acme-secret', 'x-acme-delivery': 'a-1' })
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          id: 'run-1',
          service: 'checkout-svc',
          at: '2026-01-06T12:00:00Z',
          sha: 'a'.repeat(40),
          committedAt: '2026-01-06T09:00:00Z',
        }),
      );
    expect(delivery.status).toBe(202);
    await settle();
    const dora = await readDerived(
      server,
      '/api/opsdeck/entities/component/default/checkout/dora?from=2026-01-05&to=2026-01-12',
      user,
    );
    expect(dora.body.current.deploymentFrequency.detail.count).toBe(1);
    expect(dora.body.current.changeLeadTime.value).toBe(3 * 3_600_000);

    const coverage = await request(server)
      .get('/api/opsdeck/entities/component/default/checkout/coverage')
      .set(user);
    const item = (id: string) =>
      coverage.body.items.find((i: { id: string }) => i.id === id);
    expect(item('deployments')).toMatchObject({
      present: true,
      evidence: expect.arrayContaining([SERVICE]),
    });
    expect(item('oncall')).toMatchObject({
      present: true,
      evidence: ['inherited:group:default/payments'],
    });
    expect(coverage.body.annotations).toEqual({ [SERVICE]: 'checkout-svc' });
  });

  it('name the modules’ keys when nothing in the chain names an on-call', async () => {
    const { server } = await startWebhookBackend({
      entities: [ownedComponent('lonely', 'nobody')],
      features: [acmeModule],
    });
    const res = await request(server)
      .get('/api/opsdeck/entities/component/default/lonely/oncall')
      .set(user);
    expect(res.body.error.message).toContain(
      `or one an installed module reads (${ROTA})`,
    );
  });
});
