import {
  BackstageUserPrincipal,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OpsDeckSliProvider,
  opsdeckSliProvidersExtensionPoint,
} from '@opsdeck/backstage-plugin-node';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import {
  HOUR,
  MINUTE,
  TestPrometheus,
  startPrometheus,
  steadyHistory,
} from '../__testUtils__/prometheus';

jest.setTimeout(60_000);

const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const DAY = 24 * HOUR;

/** An OpenSLO v1 availability SLO over 28 days for a service's requests. */
const availability = (service: string, target: number, type = 'Prometheus') =>
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${service}-availability
  displayName: ${service} availability
spec:
  timeWindow:
    - duration: 28d
      isRolling: true
  indicator:
    spec:
      ratioMetric:
        good:
          metricSource:
            type: ${type}
            spec:
              query: http_requests_total{service="${service}",code="200"}
        total:
          metricSource:
            type: ${type}
            spec:
              query: http_requests_total{service="${service}"}
  objectives:
    - displayName: ${target * 100} % of requests succeed
      target: ${target}
`;

/** A catalog folder on disk: the catalog file's directory holds the SLO files. */
const catalogDir = mkdtempSync(join(tmpdir(), 'opsdeck-catalog-'));
mkdirSync(join(catalogDir, 'slo'));
writeFileSync(
  join(catalogDir, 'slo', 'checkout.yaml'),
  // A DataSource beside the SLO: skipped, not an error.
  `apiVersion: openslo/v1
kind: DataSource
metadata: { name: prometheus }
spec: { type: Prometheus, connectionDetails: {} }
---
${availability('checkout', 0.999)}`,
);
writeFileSync(
  join(catalogDir, 'slo', 'ledger.yaml'),
  availability('ledger', 0.95),
);
writeFileSync(
  join(catalogDir, 'slo', 'inventory.yaml'),
  availability('inventory', 0.99, 'static-counts'),
);
writeFileSync(
  join(catalogDir, 'slo', 'broken.yaml'),
  availability('broken', 0.99).replace('target: 0.99', 'target: 99'),
);
writeFileSync(join(tmpdir(), 'opsdeck-outside.yaml'), availability('x', 0.9));
writeFileSync(join(catalogDir, 'slo', 'notes.txt'), 'secret: 1');
writeFileSync(
  join(catalogDir, 'slo', 'bad.yaml'),
  'kind: SLO\n  token: s3cret-value: x\n',
);

const component = (
  name: string,
  openslo: string | undefined,
  owner = 'payments',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${join(
        catalogDir,
        'catalog-info.yaml',
      )}`,
      ...(openslo ? { 'opsdeck.io/openslo': openslo } : {}),
    },
  },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

const entities: Entity[] = [
  component('checkout', './slo/checkout.yaml'),
  component('ledger', 'slo/ledger.yaml'),
  component('inventory', './slo/inventory.yaml'),
  component('shipping', undefined),
  component('refunds', './slo/ledger.yaml', 'logistics'),
  component(
    'broken',
    './slo/broken.yaml, ../opsdeck-outside.yaml, ./slo/missing.yaml, ./slo/notes.txt, ./slo/bad.yaml',
    'logistics',
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

/** A second SLI provider from a module: it counts 98 good of 100 a minute, whatever it is asked. */
const staticCounts: OpsDeckSliProvider = {
  id: 'static-counts',
  title: 'Static counts',
  instances: () => ['only'],
  increase: async ({ sli, spanMs }) => ({
    value: (spanMs / MINUTE) * (sli.query.includes('code="200"') ? 98 : 100),
    query: `static(${sli.query}, ${spanMs / MINUTE}m)`,
  }),
};
const staticCountsModule = createBackendModule({
  pluginId: 'opsdeck',
  moduleId: 'static-counts',
  register(env) {
    env.registerInit({
      deps: { slis: opsdeckSliProvidersExtensionPoint },
      async init({ slis }) {
        slis.addSliProvider(staticCounts);
      },
    });
  },
});

const near = (actual: number | null | undefined, expected: number) =>
  expect(
    Math.abs((actual as number) - expected) / Math.abs(expected),
  ).toBeLessThanOrEqual(1e-9);

const as = (ref: string) => mockCredentials.user.header(ref);

describe('SLO routes on a real backend and a real Prometheus', () => {
  let prometheus: TestPrometheus;
  let server: Parameters<typeof request>[0];
  const auditor = mockServices.auditor.mock();

  beforeAll(async () => {
    // Three hours of steady traffic up to ten minutes ahead (a sample is only seen once its
    // time has come): checkout fails 1 % (burn 10 against 99.9 %), ledger 1 % against 95 %.
    prometheus = await startPrometheus(
      steadyHistory(NOW - 3 * HOUR, NOW + 10 * MINUTE, {
        checkout: { good: 99, bad: 1 },
        ledger: { good: 99, bad: 1 },
      }),
    );
    ({ server } = await startTestBackend({
      features: [
        opsdeckPlugin,
        staticCountsModule,
        catalogServiceMock.factory({ entities }),
        auditor.factory,
        mockServices.rootConfig.factory({
          data: {
            opsdeck: {
              slo: {
                providers: {
                  prometheus: [{ name: 'main', baseUrl: prometheus.url }],
                },
                cacheTtl: { milliseconds: 1 },
              },
            },
          },
        }),
        mockServices.permissions.mock({
          authorize: async (reqs, { credentials }) =>
            reqs.map(() => ({
              result:
                (credentials.principal as BackstageUserPrincipal)
                  .userEntityRef === 'user:default/mallory'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        }).factory,
      ],
    }));
  });
  afterAll(() => {
    prometheus?.stop();
    rmSync(catalogDir, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'opsdeck-outside.yaml'), { force: true });
  });

  it('answers each objective with SLI, budget, burn rates, status and the queries behind them', async () => {
    const { body } = await request(server)
      .get('/api/opsdeck/entities/component/default/checkout/slo')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    expect(body).toMatchObject({
      entityRef: 'component:default/checkout',
      annotation: './slo/checkout.yaml',
      problems: [],
      stale: false,
    });
    expect(body.evaluatedAt).toMatch(/:00\.000Z$/);
    const [slo] = body.slos;
    expect(slo).toMatchObject({
      name: 'checkout-availability',
      window: '28d',
      windowMs: 28 * DAY,
      file: './slo/checkout.yaml',
      provider: { type: 'prometheus' },
    });
    const [objective] = slo.objectives;
    // 1 % of requests fail against a 0.1 % budget: SLI 0.99, consumed 10 budgets, burn 10 over
    // every lookback — 6 h and 30 m at ≥ 6 page.
    near(objective.sli, 0.99);
    near(objective.budget.consumed, 10);
    expect(objective.budget.exhausted).toBe(true);
    expect(objective.timeToExhaustionMs).toBe(0);
    for (const burn of objective.burnRates) near(burn.rate, 10);
    expect(objective.status).toBe('page');
    expect(objective.window.queries).toEqual([
      'sum(increase(http_requests_total{service="checkout",code="200"}[2419200s]))',
      'sum(increase(http_requests_total{service="checkout"}[2419200s]))',
    ]);
  });

  it('evaluates SLOs through a provider a module added', async () => {
    const health = await request(server).get('/api/opsdeck/health').expect(200);
    expect(health.body.sliProviders).toEqual(['prometheus', 'static-counts']);
    const { body } = await request(server)
      .get('/api/opsdeck/entities/component/default/inventory/slo')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    const [objective] = body.slos[0].objectives;
    near(objective.sli, 0.98);
    near(objective.budget.remaining, 1 - 0.02 / 0.01);
    expect(objective.burnRates[0].queries[0]).toBe(
      'static(http_requests_total{service="inventory",code="200"}, 5m)',
    );
  });

  it('names the file and field of a bad SLO, and refuses a path out of the catalog directory', async () => {
    const { body } = await request(server)
      .get('/api/opsdeck/entities/component/default/broken/slo')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    expect(body.slos).toEqual([]);
    expect(body.problems).toEqual([
      {
        file: './slo/broken.yaml',
        error:
          'spec.objectives[0].target: a number between 0 and 1 (exclusive), e.g. 0.999',
      },
      {
        file: '../opsdeck-outside.yaml',
        error: "is outside the catalog file's directory: refused",
      },
      {
        file: './slo/missing.yaml',
        error: 'was not found next to the catalog file',
      },
      { file: './slo/notes.txt', error: 'must be a .yaml or .yml file' },
      {
        file: './slo/bad.yaml',
        error: expect.stringMatching(/^not valid YAML: /),
      },
    ]);
    // A YAML error names the problem, never a line of the file.
    expect(JSON.stringify(body.problems)).not.toContain('s3cret-value');
  });

  it('gates a pipeline: wait when the budget is spent, go when it is not, unknown without SLOs — audited, and only with opsdeck.slo.gate.read', async () => {
    const gate = (name: string, who = 'user:default/ada') =>
      request(server)
        .get(`/api/opsdeck/entities/component/default/${name}/slo/gate`)
        .set('Authorization', as(who));
    const wait = await gate('checkout').expect(200);
    expect(wait.body).toMatchObject({ decision: 'wait', proceed: false });
    expect(wait.body.reasons).toEqual([
      'checkout availability (99.9 % of requests succeed): 1000 % of the 28d error budget is spent (-900 % remaining)',
    ]);
    const go = await gate('ledger').expect(200);
    expect(go.body).toMatchObject({ decision: 'go', proceed: true });
    expect(go.body.reasons).toEqual([
      'ledger availability (95 % of requests succeed): 80 % of the 28d error budget remaining',
    ]);
    const unknown = await gate('shipping').expect(200);
    expect(unknown.body).toMatchObject({ decision: 'unknown', proceed: true });
    expect(unknown.body.reasons).toEqual([
      'component:default/shipping has no opsdeck.io/openslo annotation: no SLO to gate on',
    ]);
    await gate('checkout', 'user:default/mallory').expect(403);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'slo-gate',
        meta: { entityRef: 'component:default/checkout' },
      }),
    );
  });

  it('lists a team’s services by budget state', async () => {
    const { body } = await request(server)
      .get('/api/opsdeck/groups/default/payments/slo')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    expect(
      Object.fromEntries(body.items.map((i: any) => [i.entityRef, i.state])),
    ).toEqual({
      'component:default/checkout': 'exhausted',
      'component:default/inventory': 'exhausted',
      'component:default/ledger': 'healthy',
      'component:default/shipping': 'no-slo',
    });
    expect(body.counts).toEqual({
      exhausted: 2,
      burning: 0,
      healthy: 1,
      'no-data': 0,
      'no-slo': 1,
    });
  });

  it('draws the budget over the window, ending where the card’s number is', async () => {
    const { body } = await request(server)
      .get('/api/opsdeck/entities/component/default/ledger/slo/history')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    expect(body).toMatchObject({
      slo: 'ledger-availability',
      window: '28d',
      deployments: [],
      incidents: [],
    });
    expect(body.points[0].remaining).toBe(1);
    // Consumed 0.2 of the budget (1 % failing against 5 %): the curve ends at 0.8.
    near(body.points[body.points.length - 1].remaining, 0.8);
    await request(server)
      .get(
        '/api/opsdeck/entities/component/default/ledger/slo/history?slo=nope',
      )
      .set('Authorization', as('user:default/ada'))
      .expect(404);
  });

  it('answers the last known answer, marked stale, when Prometheus goes down', async () => {
    prometheus.stop();
    const { body } = await request(server)
      .get('/api/opsdeck/entities/component/default/checkout/slo')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    expect(body.stale).toBe(true);
    near(body.slos[0].objectives[0].sli, 0.99);
    // The gate answers from the last known answer too, and says it is stale.
    const lastKnown = await request(server)
      .get('/api/opsdeck/entities/component/default/ledger/slo/gate')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    expect(lastKnown.body).toMatchObject({ decision: 'go', stale: true });
    // Nothing known yet: each SLO says why it has no numbers, and the gate does not know.
    const never = await request(server)
      .get('/api/opsdeck/entities/component/default/refunds/slo')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    expect(never.body.slos[0]).toMatchObject({
      objectives: [],
      error: {
        reason: 'provider-error',
        message: expect.stringMatching(
          /^Prometheus 'main' (did not answer|is failing)/,
        ),
      },
    });
    const gate = await request(server)
      .get('/api/opsdeck/entities/component/default/refunds/slo/gate')
      .set('Authorization', as('user:default/ada'))
      .expect(200);
    expect(gate.body).toMatchObject({ decision: 'unknown', proceed: true });
  });
});
