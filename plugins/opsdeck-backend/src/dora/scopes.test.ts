import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
    relations: [{ type: 'childOf', targetRef: 'group:default/acme' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'acme', namespace: 'default' },
    spec: { type: 'organization', children: ['payments'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

const at = (h: number) => new Date(Date.UTC(2026, 0, 5, h)).toISOString();
const batch = {
  version: 1,
  source: 'ci',
  deployments: [
    {
      id: '1',
      service: 'checkout',
      environment: 'production',
      status: 'success',
      finishedAt: at(10),
      changes: [{ sha: 'c1c1c1c', time: at(6) }],
    },
    {
      id: '2',
      service: 'checkout',
      environment: 'production',
      status: 'failure',
      finishedAt: at(12),
    },
  ],
};
const WINDOW = 'from=2026-01-05&to=2026-01-12';

/** Callers may send events, but the policy denies everything else. */
const denyAllButEvents = mockServices.permissions.mock({
  authorize: async requests =>
    requests.map(r => ({
      result:
        'permission' in r && r.permission.name === 'opsdeck.events.create'
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })),
});

async function start(
  options: {
    deny?: boolean;
    config?: object;
    database?: ReturnType<typeof inMemoryDatabase>['factory'];
    send?: boolean;
  } = {},
) {
  const { tasks, factory: scheduler } = manualScheduler();
  const auditor = mockServices.auditor.mock();
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities }),
      scheduler,
      auditor.factory,
      ...(options.deny ? [denyAllButEvents.factory] : []),
      ...(options.config
        ? [mockServices.rootConfig.factory({ data: options.config })]
        : []),
      ...(options.database ? [options.database] : []),
    ],
  });
  if (options.send === false) {
    return { server, auditor, tasks };
  }
  const sent = await request(server)
    .post('/api/opsdeck/events')
    .set('Authorization', mockCredentials.service.header())
    .send(batch);
  expect([sent.status, sent.body.error?.message]).toEqual([202, undefined]);
  // What the scheduler does every few minutes: learn the catalog's ownership.
  await tasks.get('opsdeck-entity-index-refresh')!();
  return { server, auditor, tasks };
}

describe('GET /groups/{namespace}/{name}/dora and /org/dora', () => {
  it("answers a team's and the organisation's metrics from the rollups", async () => {
    const { server } = await start();
    const team = await readDerived(
      server,
      `/api/opsdeck/groups/default/payments/dora?${WINDOW}`,
    );
    expect(team.body.scope).toEqual({
      type: 'group',
      entityRef: 'group:default/payments',
      includeChildren: false,
      services: 1,
    });
    expect(team.body.current.deploymentFrequency.detail.count).toBe(1);
    expect(team.body.current.changeFailRate).toMatchObject({
      value: 0.5,
      detail: { failed: 1, completed: 2 },
    });
    expect(team.body.current.changeLeadTime.value).toBe(4 * 3_600_000);
    expect(team.body.firstEventAt).toEqual(expect.any(Number));

    // acme owns nothing itself; with its children it holds checkout.
    const acme = await readDerived(
      server,
      `/api/opsdeck/groups/default/acme/dora?${WINDOW}`,
    );
    expect(acme.body.current.deploymentFrequency.reason).toBe(
      'no-deployments-ever',
    );
    const tree = await request(server)
      .get(
        `/api/opsdeck/groups/default/acme/dora?${WINDOW}&includeChildren=true`,
      )
      .expect(200);
    expect(tree.body.current).toEqual(team.body.current);

    const org = await readDerived(server, `/api/opsdeck/org/dora?${WINDOW}`);
    expect(org.body.current).toEqual(team.body.current);
    expect(org.body.firstEventAt).toBe(team.body.firstEventAt);
    expect(acme.body.firstEventAt).toBeNull();
  });

  it('answers 400 for a bad parameter, 404 for an unknown group, 401 without credentials', async () => {
    const { server } = await start();
    const bad = await request(server).get(
      '/api/opsdeck/groups/default/payments/dora?includeChildren=yes',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('includeChildren');
    const missing = await request(server).get(
      '/api/opsdeck/groups/default/ghosts/dora',
    );
    expect(missing.status).toBe(404);
    const anonymous = await request(server)
      .get('/api/opsdeck/org/dora')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('answers 403 without opsdeck.rollup.read', async () => {
    const { server } = await start({ deny: true });
    const res = await request(server).get('/api/opsdeck/org/dora');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('opsdeck.rollup.read');
  });
});

describe('admin routes', () => {
  it('deletes a record, rebuilds, and audits both', async () => {
    const { server, auditor } = await start();
    const deleted = await request(server)
      .delete('/api/opsdeck/admin/events/ci/2')
      .expect(200);
    expect(deleted.body).toEqual({
      key: 'ci:2',
      deleted: ['deployment'],
      events: 1,
    });
    const team = await readDerived(
      server,
      `/api/opsdeck/groups/default/payments/dora?${WINDOW}`,
    );
    expect(team.body.current.changeFailRate.detail).toEqual({
      failed: 0,
      completed: 1,
    });
    const again = await request(server).delete(
      '/api/opsdeck/admin/events/ci/2',
    );
    expect(again.status).toBe(404);
    expect(again.body.error.message).toContain('ci:2');

    const rebuilt = await request(server)
      .post('/api/opsdeck/admin/rebuild')
      .expect(200);
    expect(rebuilt.body).toEqual({ services: 1, days: 1 });
    const after = await readDerived(
      server,
      `/api/opsdeck/groups/default/payments/dora?${WINDOW}`,
    );
    expect(after.body.current).toEqual(team.body.current);

    const audited = auditor.createEvent.mock.calls.map(([e]) => e.eventId);
    expect(audited).toEqual(
      expect.arrayContaining(['event-delete', 'rollups-rebuild']),
    );
  });

  it('lists identities that map to no Component, with their event counts', async () => {
    const { server } = await start();
    const orphans = {
      version: 1,
      source: 'ci',
      deployments: [1, 2].map(n => ({
        id: `gh-${n}`,
        service: {
          annotation: 'github.com/project-slug',
          value: 'acme/nobody-claims-this',
        },
        environment: 'production',
        status: 'success',
        finishedAt: at(n),
      })),
      incidents: [{ id: 'i-ghost', service: 'ghost', openedAt: at(3) }],
    };
    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.service.header())
      .send(orphans)
      .expect(202);
    const res = await request(server).get('/api/opsdeck/admin/unmapped');
    expect([res.status, res.body]).toEqual([
      200,
      {
        items: [
          {
            service:
              'annotation:github.com/project-slug=acme/nobody-claims-this',
            deployments: 2,
            incidents: 0,
          },
          {
            service: 'entity:component:default/ghost',
            deployments: 0,
            incidents: 1,
          },
        ],
      },
    ]);
  });

  it('answers 403 without opsdeck.admin and changes nothing', async () => {
    const { server } = await start({ deny: true });
    expect(
      (await request(server).delete('/api/opsdeck/admin/events/ci/1')).status,
    ).toBe(403);
    expect(
      (await request(server).post('/api/opsdeck/admin/rebuild')).status,
    ).toBe(403);
    const unmapped = await request(server).get('/api/opsdeck/admin/unmapped');
    expect(unmapped.status).toBe(403);
    expect(unmapped.body.error.message).toContain('opsdeck.admin');
  });
});

describe('when the DORA rules change', () => {
  it('the next start rebuilds facts and rollups under the new rules', async () => {
    const database = inMemoryDatabase();
    const first = await start({ database: database.factory });
    await first.tasks.get('opsdeck-derive-rules')!();
    const before = await readDerived(
      first.server,
      `/api/opsdeck/org/dora?${WINDOW}`,
    );
    expect(before.body.current.changeFailRate.detail.completed).toBe(2);

    // Same database, new rules: "production" is no longer a production environment.
    const second = await start({
      database: database.factory,
      config: { opsdeck: { dora: { productionEnvironments: ['prod-*'] } } },
      send: false,
    });
    await second.tasks.get('opsdeck-derive-rules')!();
    const after = await readDerived(
      second.server,
      `/api/opsdeck/org/dora?${WINDOW}`,
    );
    expect(after.body.current.changeFailRate).toMatchObject({
      value: null,
      reason: 'none-in-window',
      detail: { completed: 0 },
    });
    expect(after.body.current.deploymentFrequency.detail.count).toBe(0);
  });
});
