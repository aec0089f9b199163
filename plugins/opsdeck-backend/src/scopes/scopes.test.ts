import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { manualScheduler } from '../__testUtils__/manualScheduler';
import { readDerived } from '../__testUtils__/readDerived';

const group = (name: string, parent?: string, children: string[] = []) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: [
    ...(parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : []),
    ...children.map(c => ({
      type: 'parentOf',
      targetRef: `group:default/${c}`,
    })),
  ],
});
const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    { type: 'partOf', targetRef: 'system:default/shop' },
  ],
});

const entities: Entity[] = [
  group('commerce', undefined, ['payments']),
  group('payments', 'commerce'),
  group('empty'),
  component('checkout', 'payments', {
    'github.com/project-slug': 'acme/checkout',
    'pagerduty.com/service-id': 'P1',
  }),
  component('storefront', 'commerce'),
];

const day = (d: number, h = 10) =>
  new Date(Date.UTC(2026, 0, d, h)).toISOString();
const WINDOW = 'from=2026-01-05&to=2026-01-12';

async function start(extra: Entity[] = []) {
  const { tasks, factory: scheduler } = manualScheduler();
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities: [...entities, ...extra] }),
      scheduler,
    ],
  });
  // checkout: a deployment every day of the week, one of them failed → elite frequency.
  const deployments = [5, 6, 7, 8, 9, 10, 11].map(d => ({
    id: String(d),
    service: 'component:default/checkout',
    environment: 'production',
    status: d === 8 ? 'failure' : 'success',
    finishedAt: day(d),
    changes: [{ sha: `abcdef${d}`, time: day(d, 8) }],
  }));
  await request(server)
    .post('/api/opsdeck/events')
    .set('Authorization', mockCredentials.service.header())
    .send({ version: 1, source: 'ci', deployments })
    .expect(202);
  await tasks.get('opsdeck-entity-index-refresh')!();
  return { server, tasks };
}

describe('team and organisation service tables', () => {
  it("sums a team's coverage over its services, with its child teams when asked", async () => {
    const { server } = await start();
    const own = await request(server)
      .get('/api/opsdeck/groups/default/commerce/coverage')
      .expect(200);
    expect(own.body.scope).toEqual({
      type: 'group',
      entityRef: 'group:default/commerce',
      includeChildren: false,
    });
    expect(own.body.services.map((s: any) => s.entityRef)).toEqual([
      'component:default/storefront',
    ]);
    // storefront: only the owner of 8
    expect(own.body).toMatchObject({ present: 1, applicable: 8, percent: 12 });
    expect(own.body.services[0].missing.map((m: any) => m.id)).toContain(
      'oncall',
    );

    const tree = await request(server)
      .get('/api/opsdeck/groups/default/commerce/coverage?includeChildren=true')
      .expect(200);
    // checkout: owner, oncall, deployments, incidents, ci = 5 of 8
    expect(tree.body).toMatchObject({
      present: 6,
      applicable: 16,
      percent: 37,
    });
    expect(tree.body.services.map((s: any) => s.entityRef)).toEqual([
      'component:default/storefront',
      'component:default/checkout',
    ]);
    expect(
      tree.body.integrations.find((i: any) => i.id === 'ci'),
    ).toMatchObject({ present: 1, applicable: 2 });
  });

  it('lists the services with their DORA tiers and coverage for the window', async () => {
    const { server } = await start();
    const res = await readDerived(
      server,
      `/api/opsdeck/groups/default/commerce/services?includeChildren=true&${WINDOW}`,
    );
    expect(res.body.window).toMatchObject({ days: 7 });
    expect(res.body.benchmark).toBe('dora-2023');
    const checkout = res.body.services.find(
      (s: any) => s.entityRef === 'component:default/checkout',
    );
    expect(checkout).toMatchObject({
      owner: 'group:default/payments',
      system: 'system:default/shop',
      coverage: 62,
    });
    expect(checkout.dora.deploymentFrequency).toEqual({
      value: 6 / 7,
      tier: 'high',
    });
    expect(checkout.dora.changeFailRate.value).toBeCloseTo(1 / 7);
    const storefront = res.body.services.find(
      (s: any) => s.entityRef === 'component:default/storefront',
    );
    expect(storefront.dora.deploymentFrequency).toEqual({
      value: null,
      reason: 'no-deployments-ever',
      tier: null,
    });

    const org = await readDerived(
      server,
      `/api/opsdeck/org/services?${WINDOW}`,
    );
    expect(org.body.scope).toEqual({ type: 'org' });
    expect(org.body.services).toHaveLength(2);
    const orgCoverage = await request(server)
      .get('/api/opsdeck/org/coverage')
      .expect(200);
    expect(orgCoverage.body.percent).toBe(37);
  });

  it('shows new deployments in the table as soon as they are derived (a remembered table is dropped)', async () => {
    const { server } = await start();
    const path = `/api/opsdeck/org/services?${WINDOW}`;
    const storefrontOf = (res: request.Response) =>
      res.body.services.find(
        (s: any) => s.entityRef === 'component:default/storefront',
      );
    const before = await readDerived(server, path);
    expect(storefrontOf(before).dora.deploymentFrequency.value).toBeNull();
    // Read again from memory, then a deployment of storefront arrives.
    expect(storefrontOf(await readDerived(server, path)).dora).toEqual(
      storefrontOf(before).dora,
    );
    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.service.header())
      .send({
        version: 1,
        source: 'ci',
        deployments: [
          {
            id: 'sf-1',
            service: 'component:default/storefront',
            environment: 'production',
            status: 'success',
            finishedAt: day(9),
          },
        ],
      })
      .expect(202);
    const after = await readDerived(server, path);
    expect(storefrontOf(after).dora.deploymentFrequency.value).toBeCloseTo(
      1 / 7,
    );
  });

  it('answers an empty team with no percentage, and names a missing team and a bad window', async () => {
    const { server } = await start();
    const empty = await request(server)
      .get('/api/opsdeck/groups/default/empty/coverage')
      .expect(200);
    expect(empty.body).toMatchObject({ percent: null, services: [] });
    const missing = await request(server)
      .get('/api/opsdeck/groups/default/nobody/services')
      .expect(404);
    expect(missing.body.error.message).toMatch(/group:default\/nobody/);
    const bad = await request(server)
      .get('/api/opsdeck/org/services?from=yesterday')
      .expect(400);
    expect(bad.body.error.message).toMatch(/^from:/);
  });

  it('agrees with the cards: inherited on-call and incidents received through any identity count', async () => {
    // ledger names no on-call and no incident tool; its team's rotation covers it, and its
    // incidents arrive by its entity ref from a custom tool.
    const platform = {
      ...group('platform'),
      metadata: {
        name: 'platform',
        namespace: 'default',
        annotations: {
          'opsdeck.io/oncall-rotation':
            '{"members":["user:default/ada"],"every":"P1W","handoff":"MON 09:00","tz":"UTC","start":"2026-01-05"}',
        },
      },
    };
    const ledger = component('ledger', 'platform', {
      'argocd/app-name': 'ledger',
    });
    const { server, tasks } = await start([platform, ledger]);
    const coverage = async () =>
      (
        await request(server)
          .get('/api/opsdeck/entities/component/default/ledger/coverage')
          .expect(200)
      ).body;
    const before = await coverage();
    const item = (c: any, id: string) => c.items.find((i: any) => i.id === id);
    expect(item(before, 'oncall')).toMatchObject({
      present: true,
      evidence: ['inherited:group:default/platform'],
    });
    expect(item(before, 'incidents').present).toBe(false);

    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.service.header())
      .send({
        version: 1,
        source: 'statuspage',
        incidents: [
          {
            id: 'inc-1',
            service: 'component:default/ledger',
            openedAt: day(6),
            resolvedAt: day(6, 11),
          },
        ],
      })
      .expect(202);
    await tasks.get('opsdeck-entity-index-refresh')!();
    await readDerived(
      server,
      `/api/opsdeck/entities/component/default/ledger/dora?${WINDOW}`,
    );
    const after = await coverage();
    expect(item(after, 'incidents')).toMatchObject({
      present: true,
      evidence: ['events-received'],
    });
    // The team's table agrees with the entity's card.
    const table = await readDerived(
      server,
      `/api/opsdeck/groups/default/platform/services?${WINDOW}`,
    );
    expect(table.body.services[0]).toMatchObject({
      entityRef: 'component:default/ledger',
      coverage: after.percent,
    });
    expect(table.body.services[0].missing).not.toContain('oncall');
    expect(table.body.services[0].missing).not.toContain('incidents');
  });

  it('refuses callers without credentials', async () => {
    const { server } = await start();
    for (const path of [
      '/groups/default/commerce/coverage',
      '/groups/default/commerce/services',
      '/org/coverage',
      '/org/services',
    ]) {
      const res = await request(server)
        .get(`/api/opsdeck${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect([path, res.status]).toEqual([path, 401]);
    }
  });
});
