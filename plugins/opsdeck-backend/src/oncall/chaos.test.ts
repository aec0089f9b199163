import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { startPagerDutyOnCallBackend } from '../__testUtils__/fakePagerDuty';

const TOKEN = 'pd-secret-token-never-shown';

const service = (name: string, id: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'pagerduty.com/service-id': id },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
});

const entities: Entity[] = [
  service('ledger', 'PLEDGER'),
  service('billing', 'PBILLING'),
  service('cold', 'PCOLD'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { profile: { email: 'Alice@Acme.example' } },
  },
];

/**
 * A real backend with the PagerDuty on-call module against a local PagerDuty on a real port
 * that the test breaks in the ways providers break: 500s, 429 bursts with a rate-limit reset,
 * hangs and connection resets.
 */
async function start(cacheTtl: object = { minutes: 5 }, serverToken?: string) {
  const app = await startPagerDutyOnCallBackend({
    entities,
    token: TOKEN,
    serverToken,
    cacheTtl,
  });
  const get = (name: string) =>
    request(app.backend.server)
      .get(`/api/opsdeck/entities/component/default/${name}/oncall`)
      .set('Authorization', mockCredentials.user.header());
  return { ...app, get };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('on-call against a misbehaving PagerDuty (real HTTP)', () => {
  jest.setTimeout(60_000);

  it('50 concurrent cold requests for one service make exactly one call per PagerDuty endpoint', async () => {
    const app = await start();
    try {
      app.pd.state.delayMs = 150;
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => app.get('ledger')),
      );
      expect(answers.map(a => a.status)).toEqual(Array(50).fill(200));
      expect(Object.fromEntries(app.pd.state.calls)).toEqual({
        '/services/PLEDGER': 1,
        '/oncalls': 1,
        '/incidents': 1,
      });
      const { body } = answers[0];
      expect(body).toMatchObject({ provider: 'pagerduty', stale: false });
      expect(body.levels.map((l: any) => [l.level, l.people[0]])).toEqual([
        [
          1,
          {
            name: 'Alice Adams',
            email: 'alice@acme.example',
            userRef: 'user:default/alice',
          },
        ],
        [2, { name: 'Bob Brown', email: 'bob@acme.example' }],
      ]);
      expect(body.incidents).toHaveLength(1);
      // Nothing of the token reaches the browser.
      expect(JSON.stringify(answers.map(a => a.body))).not.toContain(TOKEN);
    } finally {
      await app.stop();
    }
  });

  it.each([
    ['500s', '500'],
    ['connection resets', 'reset'],
    ['a 429 burst', '429'],
    ['a hang', 'hang'],
  ] as const)(
    'with %s, answers the last-known answer, stale, with its asOf — never an error',
    async (_, mode) => {
      const app = await start({ milliseconds: 300 });
      try {
        const fresh = await app.get('ledger').expect(200);
        expect(fresh.body.stale).toBe(false);
        await sleep(350);
        app.pd.state.mode = mode;
        const before = app.pd.totalCalls();
        const started = Date.now();
        const answers = [];
        for (let i = 0; i < 5; i++) answers.push(await app.get('ledger'));
        const took = Date.now() - started;
        for (const a of answers) {
          expect(a.status).toBe(200);
          expect(a.body).toMatchObject({
            stale: true,
            asOf: fresh.body.asOf,
            levels: fresh.body.levels,
          });
        }
        // At most one request waits out the grace period (1.5 s), however the provider fails.
        expect(took).toBeLessThan(1_500 + 4 * 200 + 500);
        const upstream = app.pd.totalCalls() - before;
        // Rate limited: nothing more is sent before the reset (30 s). Otherwise bounded
        // retries, then the circuit opens: far fewer than 5 requests × 3 attempts.
        expect(upstream).toBeLessThanOrEqual(mode === '429' ? 1 : 5);
      } finally {
        await app.stop();
      }
    },
  );

  it('with nothing known and PagerDuty down, says so clearly (no empty list, no 500)', async () => {
    const app = await start();
    try {
      app.pd.state.mode = '500';
      const { body } = await app.get('cold').expect(200);
      expect(body).toMatchObject({
        provider: 'pagerduty',
        levels: [],
        error: { reason: 'provider-unavailable' },
      });
      expect(body.error.message).toMatch(
        /^PagerDuty could not be reached and no earlier answer is known yet: PagerDuty answered 500/,
      );
      expect(body.error.message).not.toContain(TOKEN);
    } finally {
      await app.stop();
    }
  });

  it('a wrong token is reported as a refusal naming the config, not as a stale answer', async () => {
    const app = await start(undefined, 'another');
    try {
      const { body } = await app.get('billing').expect(200);
      expect(body.error.reason).toBe('provider-rejected');
      expect(body.error.message).toMatch(/401/);
      expect(body.error.message).toMatch(/opsdeck\.oncall\.pagerduty/);
      expect(app.pd.state.unauthorized).toBe(1);
    } finally {
      await app.stop();
    }
  });
});
