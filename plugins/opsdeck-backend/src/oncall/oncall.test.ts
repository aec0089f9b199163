import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';

const rotation = {
  members: ['user:default/alice', 'user:default/bob'],
  every: 'P1W',
  handoff: 'MON 09:00',
  tz: 'Europe/Berlin',
  start: '2026-01-05',
};

const user = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName, email: `${name}@acme.example` } },
});

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
});

const entities: Entity[] = [
  user('alice', 'Alice Adams'),
  user('bob', 'Bob Brown'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'opsdeck.io/oncall-rotation': JSON.stringify(rotation) },
      links: [
        { url: 'https://chat.acme.example/payments', title: 'Chat: #payments' },
        // eslint-disable-next-line no-script-url -- an unsafe link that must not be rendered
        { url: 'javascript:alert(1)', title: 'Not a link' },
      ],
    },
    spec: {
      type: 'team',
      children: [],
      profile: { displayName: 'Payments', email: 'payments@acme.example' },
    },
    relations: [
      { type: 'hasMember', targetRef: 'user:default/alice' },
      { type: 'hasMember', targetRef: 'user:default/bob' },
      { type: 'childOf', targetRef: 'group:default/commerce' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { type: 'department', children: ['payments'] },
    relations: [{ type: 'childOf', targetRef: 'group:default/acme' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'acme', namespace: 'default', title: 'ACME' },
    spec: { type: 'organization', children: ['commerce'] },
  },
  component('checkout'),
  component('ledger', { 'pagerduty.com/service-id': 'PLEDGER' }),
  component('broken', { 'opsdeck.io/oncall-rotation': '{"members":[]}' }),
  {
    ...component('orphan'),
    relations: [],
  },
];

async function start() {
  const { server } = await startTestBackend({
    features: [opsdeckPlugin, catalogServiceMock.factory({ entities })],
  });
  const get = (path: string) =>
    request(server)
      .get(`/api/opsdeck${path}`)
      .set('Authorization', mockCredentials.user.header());
  return { get };
}

describe('GET /entities/{kind}/{namespace}/{name}/oncall', () => {
  it("answers a service's on-call from its team's catalog rotation, with names from the catalog", async () => {
    const { get } = await start();
    const res = await get('/entities/component/default/checkout/oncall').expect(
      200,
    );
    expect(res.body).toMatchObject({
      entityRef: 'component:default/checkout',
      provider: 'rotation',
      source: {
        annotation: 'opsdeck.io/oncall-rotation',
        origin: 'group',
        entityRef: 'group:default/payments',
      },
      stale: false,
    });
    const [level] = res.body.levels;
    expect(level.level).toBe(1);
    expect(level.scheduleName).toBe('group:default/payments rotation');
    expect([
      {
        name: 'Alice Adams',
        email: 'alice@acme.example',
        userRef: 'user:default/alice',
      },
      {
        name: 'Bob Brown',
        email: 'bob@acme.example',
        userRef: 'user:default/bob',
      },
    ]).toContainEqual(level.people[0]);
    const until = Date.parse(level.until);
    expect(until).toBeGreaterThan(Date.now());
    expect(until - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(Math.abs(Date.parse(res.body.asOf) - Date.now())).toBeLessThan(
      60_000,
    );
  });

  it('says what to fix when nothing is known, a provider is missing, or the rotation is invalid', async () => {
    const { get } = await start();
    const orphan = await get(
      '/entities/component/default/orphan/oncall',
    ).expect(200);
    expect(orphan.body).toMatchObject({
      provider: null,
      levels: [],
      error: { reason: 'no-oncall-annotation' },
    });
    expect(orphan.body.error.message).toMatch(/opsdeck\.io\/oncall-rotation/);
    const ledger = await get(
      '/entities/component/default/ledger/oncall',
    ).expect(200);
    expect(ledger.body).toMatchObject({
      source: { annotation: 'pagerduty.com/service-id', origin: 'own' },
      error: { reason: 'no-provider' },
    });
    const broken = await get(
      '/entities/component/default/broken/oncall',
    ).expect(200);
    expect(broken.body.error).toMatchObject({ reason: 'invalid-rotation' });
    expect(broken.body.error.message).toMatch(/members:/);
    await get('/entities/component/default/nope/oncall').expect(404);
  });
});

describe('GET /oncall/shifts', () => {
  it("lists the shifts of the rotation, alternating members, back to back (week 7 after the start is Bob's)", async () => {
    const { get } = await start();
    const res = await get(
      '/oncall/shifts?entityRef=component:default/checkout&from=2026-03-02T00:00:00Z&to=2026-03-30T00:00:00Z',
    ).expect(200);
    expect(
      res.body.items.map((s: any) => [s.person.name, s.from, s.until]),
    ).toEqual([
      ['Bob Brown', '2026-02-23T08:00:00.000Z', '2026-03-02T08:00:00.000Z'],
      ['Alice Adams', '2026-03-02T08:00:00.000Z', '2026-03-09T08:00:00.000Z'],
      ['Bob Brown', '2026-03-09T08:00:00.000Z', '2026-03-16T08:00:00.000Z'],
      ['Alice Adams', '2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z'],
      ['Bob Brown', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    ]);
    const bad = await get(
      '/oncall/shifts?entityRef=component:default/checkout&from=soon',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^from:/);
  });
});

describe('GET /entities/{kind}/{namespace}/{name}/ownership', () => {
  it('answers the owning team with members, contacts (http links only), the parent chain and the on-call, in one call', async () => {
    const { get } = await start();
    const res = await get(
      '/entities/component/default/checkout/ownership',
    ).expect(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/checkout',
      owner: {
        entityRef: 'group:default/payments',
        name: 'Payments',
        email: 'payments@acme.example',
        members: [
          {
            entityRef: 'user:default/alice',
            name: 'Alice Adams',
            email: 'alice@acme.example',
          },
          {
            entityRef: 'user:default/bob',
            name: 'Bob Brown',
            email: 'bob@acme.example',
          },
        ],
        links: [
          {
            title: 'Chat: #payments',
            url: 'https://chat.acme.example/payments',
          },
        ],
      },
      parents: [
        { entityRef: 'group:default/commerce', name: 'commerce' },
        { entityRef: 'group:default/acme', name: 'ACME' },
      ],
      oncall: { provider: 'rotation', source: { origin: 'group' } },
    });
    // A Group answers about itself (the platform page needs a domain group's on-call).
    const group = await get(
      '/entities/group/default/payments/ownership',
    ).expect(200);
    expect(group.body.owner.entityRef).toBe('group:default/payments');
    expect(group.body.oncall.source.origin).toBe('own');
    const orphan = await get(
      '/entities/component/default/orphan/ownership',
    ).expect(200);
    expect(orphan.body.owner).toBeUndefined();
    expect(orphan.body.parents).toEqual([]);
  });
});
