import { ProviderHttpError } from '@opsdeck/backstage-plugin-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  incidentsBody,
  oncall,
  oncallsBody,
  pdUser,
  serviceBody,
  servicesBody,
} from '../__testUtils__/pagerdutyApi';
import { createPagerDutyOnCallProvider } from './pagerdutyOnCall';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const API = 'https://api.pagerduty.com';
const alice = pdUser('PALICE', 'Alice Adams', 'alice@acme.example');
const bob = pdUser('PBOB', 'Bob Brown', 'bob@acme.example');
const carol = pdUser('PCAROL', 'Carol Chen', 'carol@acme.example');

/** The three calls of an answer, in PagerDuty's documented formats. */
function pagerDuty(base = API, auth = 'Token token=pd-key') {
  const seen: string[] = [];
  server.use(
    http.get(`${base}/services/PLEDGER`, ({ request }) => {
      expect(request.headers.get('authorization')).toBe(auth);
      expect(request.headers.get('accept')).toBe(
        'application/vnd.pagerduty+json;version=2',
      );
      seen.push('service');
      return HttpResponse.json(serviceBody());
    }),
    http.get(`${base}/oncalls`, ({ request }) => {
      const url = new URL(request.url);
      expect(url.searchParams.getAll('escalation_policy_ids[]')).toEqual([
        'PPOLICY',
      ]);
      expect(url.searchParams.getAll('include[]')).toEqual(['users']);
      seen.push(`oncalls since=${url.searchParams.get('since')}`);
      return HttpResponse.json(
        oncallsBody([
          // Level 1: two schedules, Alice on both, Carol on one; the earliest end is the hand-off.
          oncall(alice, 1, '2026-11-22T09:00:00Z', '2026-11-23T09:00:00Z'),
          oncall(
            alice,
            1,
            '2026-11-20T09:00:00Z',
            '2026-11-27T09:00:00Z',
            'Ledger follow-the-sun',
          ),
          oncall(
            carol,
            1,
            '2026-11-22T06:00:00Z',
            '2026-11-22T18:00:00Z',
            'Ledger follow-the-sun',
          ),
          // Level 2: always on call (no schedule, no end).
          oncall(bob, 2, null, null, null),
        ]),
      );
    }),
    http.get(`${base}/incidents`, ({ request }) => {
      const url = new URL(request.url);
      expect(url.searchParams.getAll('service_ids[]')).toEqual(['PLEDGER']);
      expect(url.searchParams.getAll('statuses[]')).toEqual([
        'triggered',
        'acknowledged',
      ]);
      seen.push('incidents');
      return HttpResponse.json(incidentsBody());
    }),
  );
  return seen;
}

describe('PagerDuty on-call provider', () => {
  it('answers service → escalation policy → on-calls per level, with open incidents', async () => {
    const seen = pagerDuty();
    const provider = createPagerDutyOnCallProvider({ token: 'pd-key' });
    const answer = await provider.getOnCall({
      annotation: 'pagerduty.com/service-id',
      value: 'PLEDGER',
    });
    expect(answer.levels).toEqual([
      {
        level: 1,
        people: [
          { id: 'PALICE', name: 'Alice Adams', email: 'alice@acme.example' },
          { id: 'PCAROL', name: 'Carol Chen', email: 'carol@acme.example' },
        ],
        until: '2026-11-22T18:00:00.000Z',
        scheduleName: 'Ledger primary, Ledger follow-the-sun',
      },
      {
        level: 2,
        people: [{ id: 'PBOB', name: 'Bob Brown', email: 'bob@acme.example' }],
        until: undefined,
        scheduleName: 'Ledger escalation',
      },
    ]);
    expect(answer.incidents).toEqual([
      {
        id: 'Q1LEDGER',
        title: 'Ledger replication lag',
        status: 'triggered',
        createdAt: '2026-11-22T08:00:00Z',
        urgency: 'high',
        url: 'https://acme.pagerduty.com/incidents/Q1LEDGER',
      },
    ]);
    expect(seen.sort()).toEqual(['incidents', 'oncalls since=null', 'service']);
  });

  it('finds the service of an integration key, on the EU API', async () => {
    pagerDuty('https://api.eu.pagerduty.com');
    server.use(
      http.get('https://api.eu.pagerduty.com/services', ({ request }) => {
        const url = new URL(request.url);
        expect(url.searchParams.get('query')).toMatch(/^[0-9a-f]{32}$/);
        expect(url.searchParams.getAll('include[]')).toEqual(['integrations']);
        return HttpResponse.json(servicesBody());
      }),
    );
    const provider = createPagerDutyOnCallProvider({
      token: 'pd-key',
      baseUrl: 'https://api.eu.pagerduty.com',
    });
    const answer = await provider.getOnCall({
      annotation: 'pagerduty.com/integration-key',
      value: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    });
    expect(answer.levels.map(l => l.people.map(p => p.name))).toEqual([
      ['Alice Adams', 'Carol Chen'],
      ['Bob Brown'],
    ]);
    const unknown = await provider
      .getOnCall({
        annotation: 'pagerduty.com/integration-key',
        value: 'ffffffffffffffffffffffffffffffff',
      })
      .catch((e: ProviderHttpError) => e);
    expect(unknown).toMatchObject({ status: 404, transient: false });
    expect((unknown as Error).message).not.toContain('ffffffffffffffff');
  });

  it('uses OAuth client credentials: one token for concurrent calls, a new one after a 401', async () => {
    const grants: URLSearchParams[] = [];
    let valid = 'tok-1';
    server.use(
      http.post(
        'https://identity.pagerduty.com/oauth/token',
        async ({ request }) => {
          const form = new URLSearchParams(await request.text());
          grants.push(form);
          return HttpResponse.json({
            access_token: `tok-${grants.length}`,
            token_type: 'bearer',
            expires_in: 86400,
            scope: form.get('scope'),
          });
        },
      ),
      http.get(`${API}/services/PLEDGER`, ({ request }) =>
        request.headers.get('authorization') === `Bearer ${valid}`
          ? HttpResponse.json(serviceBody())
          : HttpResponse.json({ error: { code: 2006 } }, { status: 401 }),
      ),
      http.get(`${API}/oncalls`, () => HttpResponse.json(oncallsBody([]))),
      http.get(`${API}/incidents`, () => HttpResponse.json({ incidents: [] })),
    );
    const provider = createPagerDutyOnCallProvider({
      oauth: { clientId: 'cid', clientSecret: 'csecret', subDomain: 'acme' },
    });
    const ask = () =>
      provider.getOnCall({
        annotation: 'pagerduty.com/service-id',
        value: 'PLEDGER',
      });
    await Promise.all([ask(), ask(), ask()]);
    expect(grants).toHaveLength(1);
    expect(Object.fromEntries(grants[0])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'cid',
      client_secret: 'csecret',
      scope: expect.stringMatching(/^as_account-us\.acme .*oncalls\.read/),
    });
    valid = 'tok-2'; // the first token is revoked
    await ask();
    expect(grants).toHaveLength(2);
  });

  it('a wrong service id is a definitive error; a 5xx is transient', async () => {
    server.use(
      http.get(`${API}/services/PNOPE`, () =>
        HttpResponse.json(
          { error: { message: 'Not Found', code: 2100 } },
          { status: 404 },
        ),
      ),
      http.get(`${API}/services/PDOWN`, () =>
        HttpResponse.json({ error: { code: 2001 } }, { status: 502 }),
      ),
    );
    const provider = createPagerDutyOnCallProvider({ token: 'pd-key' });
    const wrong = await provider
      .getOnCall({ annotation: 'pagerduty.com/service-id', value: 'PNOPE' })
      .catch((e: ProviderHttpError) => e);
    expect(wrong).toMatchObject({ status: 404, transient: false });
    const down = await provider
      .getOnCall({ annotation: 'pagerduty.com/service-id', value: 'PDOWN' })
      .catch((e: ProviderHttpError) => e);
    expect(down).toMatchObject({ status: 502, transient: true });
    expect((down as Error).message).not.toContain('pd-key');
  });

  it('lists shifts in a window, following pages, in order', async () => {
    server.use(
      http.get(`${API}/services/PLEDGER`, () =>
        HttpResponse.json(serviceBody()),
      ),
      http.get(`${API}/oncalls`, ({ request }) => {
        const url = new URL(request.url);
        expect(url.searchParams.get('since')).toBe('2026-12-01T00:00:00.000Z');
        expect(url.searchParams.get('until')).toBe('2026-12-15T00:00:00.000Z');
        return url.searchParams.get('offset') === '0'
          ? HttpResponse.json(
              oncallsBody(
                [
                  oncall(
                    bob,
                    1,
                    '2026-12-08T09:00:00Z',
                    '2026-12-15T00:00:00Z',
                  ),
                ],
                true,
              ),
            )
          : HttpResponse.json(
              oncallsBody([
                oncall(
                  alice,
                  1,
                  '2026-12-01T00:00:00Z',
                  '2026-12-08T09:00:00Z',
                ),
                oncall(carol, 2, null, null, null),
              ]),
            );
      }),
    );
    const provider = createPagerDutyOnCallProvider({ token: 'pd-key' });
    const shifts = await provider.getShifts!({
      annotation: 'pagerduty.com/service-id',
      value: 'PLEDGER',
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-15T00:00:00Z'),
    });
    expect(shifts.map(s => [s.person.name, s.level, s.from, s.until])).toEqual([
      [
        'Alice Adams',
        1,
        '2026-12-01T00:00:00.000Z',
        '2026-12-08T09:00:00.000Z',
      ],
      ['Carol Chen', 2, '2026-12-01T00:00:00.000Z', '2026-12-15T00:00:00.000Z'],
      ['Bob Brown', 1, '2026-12-08T09:00:00.000Z', '2026-12-15T00:00:00.000Z'],
    ]);
  });

  it('refuses to start without a token or OAuth settings', () => {
    expect(() => createPagerDutyOnCallProvider({})).toThrow(
      /needs token or oauth/,
    );
  });
});
