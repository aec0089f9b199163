import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OpsDeckOnCallProvider,
  OpsDeckOnCallResult,
  ProviderHttpError,
  opsdeckOnCallProvidersExtensionPoint,
} from '@opsdeck/backstage-plugin-node';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';

const user = (name: string, email: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName: name, email } },
});

const entities: Entity[] = [
  user('alice', 'alice@acme.example'),
  // Two Users share one address: a person with it gets no link.
  user('sam', 'shared@acme.example'),
  user('sam-old', 'shared@acme.example'),
  user('carol', 'carol@acme.example'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'ledger',
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': 'PLEDGER' },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: {
        'opsdeck.io/oncall-rotation': JSON.stringify({
          members: ['user:default/carol'],
          every: 'P1D',
          handoff: 'MON 09:00',
          tz: 'UTC',
          start: '2026-01-05',
          escalateToParent: true,
        }),
      },
    },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'childOf', targetRef: 'group:default/commerce' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'commerce',
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': 'PCOMMERCE' },
    },
    spec: { type: 'department', children: ['payments'] },
  },
];

/** A provider the test steers: what the next calls answer, and how many were made. */
function fakeProvider() {
  const state = {
    calls: 0,
    next: async (): Promise<OpsDeckOnCallResult> => ({ levels: [] }),
  };
  const provider: OpsDeckOnCallProvider = {
    id: 'fakeduty',
    title: 'FakeDuty',
    annotations: ['pagerduty.com/service-id'],
    async getOnCall() {
      state.calls += 1;
      return state.next();
    },
    async getShifts({ from }) {
      state.calls += 1;
      return [
        {
          person: { name: 'Alice A.', email: 'Alice@ACME.example' },
          from: new Date(from.getTime() - 3_600_000).toISOString(),
          until: new Date(from.getTime() + 3_600_000).toISOString(),
          level: 1,
          scheduleName: 'Primary',
        },
      ];
    },
  };
  return { state, provider };
}

const healthy = (untilMs = Date.now() + 3_600_000): OpsDeckOnCallResult => ({
  levels: [
    {
      level: 1,
      people: [{ id: 'PU1', name: 'Alice A.', email: 'ALICE@acme.example' }],
      until: new Date(untilMs).toISOString(),
      scheduleName: 'Primary',
    },
    {
      level: 2,
      people: [
        { name: 'Sam S.', email: 'shared@acme.example' },
        { name: 'Stranger', email: 'nobody@elsewhere.example' },
      ],
    },
  ],
  incidents: [
    {
      id: 'Q1',
      title: 'Ledger lag',
      status: 'triggered',
      createdAt: '2026-11-22T08:00:00Z',
      url: 'https://acme.pagerduty.com/incidents/Q1',
    },
    {
      id: 'Q2',
      title: 'Sneaky',
      status: 'acknowledged',
      createdAt: '2026-11-22T08:05:00Z',
      // eslint-disable-next-line no-script-url -- must never become a link
      url: 'javascript:alert(1)',
    },
  ],
});

async function start(ttl = { minutes: 5 }) {
  const { state, provider } = fakeProvider();
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { opsdeck: { oncall: { fakeduty: { cacheTtl: ttl } } } },
      }),
      createBackendModule({
        pluginId: 'opsdeck',
        moduleId: 'fakeduty',
        register(env) {
          env.registerInit({
            deps: { oncall: opsdeckOnCallProvidersExtensionPoint },
            async init({ oncall }) {
              oncall.addOnCallProvider(provider);
            },
          });
        },
      }),
    ],
  });
  const get = (path: string) =>
    request(server)
      .get(`/api/opsdeck${path}`)
      .set('Authorization', mockCredentials.user.header());
  return { state, get };
}

const LEDGER = '/entities/component/default/ledger/oncall';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('on-call from a provider module', () => {
  it('50 concurrent cold requests cause exactly one provider call, and all get the same answer', async () => {
    const { state, get } = await start();
    let release = () => {};
    state.next = () =>
      new Promise(resolve => {
        release = () => resolve(healthy());
      });
    const answers = Promise.all(
      Array.from({ length: 50 }, () => get(LEDGER).expect(200)),
    );
    await sleep(300);
    release();
    const bodies = (await answers).map(r => r.body);
    expect(state.calls).toBe(1);
    expect(new Set(bodies.map(b => JSON.stringify(b))).size).toBe(1);
    // And within the TTL, no more calls.
    await get(LEDGER).expect(200);
    expect(state.calls).toBe(1);
  });

  it('links people to catalog Users by email, case-insensitively; none or several matches → no link; only http(s) incident links', async () => {
    const { state, get } = await start();
    state.next = async () => healthy();
    const { body } = await get(LEDGER).expect(200);
    expect(body).toMatchObject({
      provider: 'fakeduty',
      source: { annotation: 'pagerduty.com/service-id', origin: 'own' },
      stale: false,
    });
    expect(body.levels).toEqual([
      {
        level: 1,
        people: [
          {
            name: 'Alice A.',
            email: 'ALICE@acme.example',
            userRef: 'user:default/alice',
          },
        ],
        until: expect.any(String),
        scheduleName: 'Primary',
      },
      {
        level: 2,
        people: [
          { name: 'Sam S.', email: 'shared@acme.example' },
          { name: 'Stranger', email: 'nobody@elsewhere.example' },
        ],
      },
    ]);
    expect(body.incidents).toEqual([
      expect.objectContaining({
        id: 'Q1',
        url: 'https://acme.pagerduty.com/incidents/Q1',
      }),
      expect.not.objectContaining({ url: expect.anything() }),
    ]);
  });

  it('answers the last-known answer marked stale with its asOf when the provider is down, never a 500', async () => {
    const { state, get } = await start({ milliseconds: 200 } as any);
    state.next = async () => healthy();
    const first = await get(LEDGER).expect(200);
    await sleep(250);
    state.next = async () => {
      throw new ProviderHttpError('FakeDuty answered 503', 503);
    };
    const down = await get(LEDGER).expect(200);
    expect(down.body.stale).toBe(true);
    expect(down.body.asOf).toBe(first.body.asOf);
    expect(down.body.levels).toEqual(first.body.levels);
    expect(state.calls).toBe(2);
    // Right after a failure the provider is not asked again (a pause of min(TTL, 5 s)).
    expect((await get(LEDGER).expect(200)).body.stale).toBe(true);
    expect(state.calls).toBe(2);
    await sleep(250);

    // A provider that hangs: the last-known answer comes after the grace period.
    let answerLate = () => {};
    state.next = () =>
      new Promise(resolve => {
        answerLate = () => resolve(healthy());
      });
    const started = Date.now();
    const hung = await get(LEDGER).expect(200);
    expect(hung.body.stale).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_500);

    // The slow call finally answers: the next request is fresh, without another call.
    answerLate();
    await sleep(20);
    const back = await get(LEDGER).expect(200);
    expect(back.body.stale).toBe(false);
    expect(Date.parse(back.body.asOf)).toBeGreaterThan(
      Date.parse(first.body.asOf),
    );
    expect(state.calls).toBe(3);
  });

  it('says clearly when nothing is known and the provider is down, or refuses the request', async () => {
    const { state, get } = await start();
    state.next = async () => {
      throw new ProviderHttpError('FakeDuty did not answer: ECONNRESET');
    };
    const down = await get(LEDGER).expect(200);
    expect(down.body).toMatchObject({
      provider: 'fakeduty',
      levels: [],
      stale: false,
      error: { reason: 'provider-unavailable' },
    });
    expect(down.body.error.message).toMatch(
      /^FakeDuty could not be reached and no earlier answer is known yet: FakeDuty did not answer: ECONNRESET/,
    );
    state.next = async () => {
      throw new ProviderHttpError('FakeDuty answered 404 Not Found', 404);
    };
    const wrong = await get(LEDGER).expect(200);
    expect(wrong.body.error.reason).toBe('provider-rejected');
    expect(wrong.body.error.message).toMatch(/opsdeck\.oncall\.fakeduty/);
  });

  it('refreshes at the hand-off the provider reported, before the TTL', async () => {
    const { state, get } = await start({ hours: 1 } as any);
    state.next = async () => healthy(Date.now() + 300);
    await get(LEDGER).expect(200);
    await get(LEDGER).expect(200);
    expect(state.calls).toBe(1);
    await sleep(400);
    await get(LEDGER).expect(200);
    expect(state.calls).toBe(2);
  });

  it("a rotation with escalateToParent escalates to the parent group's provider as further levels", async () => {
    const { state, get } = await start();
    state.next = async () => healthy();
    const { body } = await get(
      '/entities/component/default/checkout/oncall',
    ).expect(200);
    expect(body.provider).toBe('rotation');
    expect(
      body.levels.map((l: any) => [l.level, l.people[0].name, l.entityRef]),
    ).toEqual([
      [1, 'carol', undefined],
      [2, 'Alice A.', 'group:default/commerce'],
      [3, 'Sam S.', 'group:default/commerce'],
    ]);
    expect(body.levels[0].people[0].userRef).toBe('user:default/carol');
    expect(body.incidents).toHaveLength(2);
  });

  it("lists the provider's shifts, matched to catalog Users", async () => {
    const { get } = await start();
    const { body } = await get(
      '/oncall/shifts?entityRef=component:default/ledger&from=2026-12-01T10:00:00Z&to=2026-12-02T00:00:00Z',
    ).expect(200);
    expect(body).toMatchObject({ provider: 'fakeduty', stale: false });
    expect(body.items).toEqual([
      {
        person: {
          name: 'Alice A.',
          email: 'Alice@ACME.example',
          userRef: 'user:default/alice',
        },
        from: '2026-12-01T09:00:00.000Z',
        until: '2026-12-01T11:00:00.000Z',
        level: 1,
        scheduleName: 'Primary',
      },
    ]);
  });
});
