import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OpsDeckClient } from './OpsDeckClient';

const server = setupServer();
registerMswTestHooks(server);

const baseUrl = 'http://backstage.test/api/opsdeck';
const client = new OpsDeckClient({
  discoveryApi: { getBaseUrl: async () => baseUrl },
  fetchApi: new MockFetchApi({ injectIdentityAuth: { token: 'user-token' } }),
});

describe('OpsDeckClient', () => {
  it("asks for an entity's coverage with the user's token and an encoded path", async () => {
    let seen: { url: string; auth: string | null } | undefined;
    server.use(
      http.get(
        `${baseUrl}/entities/:kind/:namespace/:name/coverage`,
        ({ request }) => {
          seen = {
            url: request.url,
            auth: request.headers.get('authorization'),
          };
          return HttpResponse.json({
            entityRef: 'component:default/a b',
            percent: 50,
          });
        },
      ),
    );
    const coverage = await client.getEntityCoverage({
      kind: 'Component',
      namespace: 'default',
      name: 'a b',
    });
    expect(coverage).toMatchObject({ percent: 50 });
    expect(seen).toEqual({
      url: `${baseUrl}/entities/Component/default/a%20b/coverage`,
      auth: 'Bearer user-token',
    });
  });

  it("throws a ResponseError carrying the backend's message", async () => {
    server.use(
      http.get(`${baseUrl}/entities/:kind/:namespace/:name/coverage`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/x',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client
      .getEntityCoverage({ kind: 'component', namespace: 'default', name: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('No entity component:default/x');
  });

  it('sends windows, filters and includeChildren as query parameters, and leaves out what is unset', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${baseUrl}/*`, ({ request }) => {
        seen.push(request.url.slice(baseUrl.length));
        return HttpResponse.json({});
      }),
    );
    const group = { kind: 'group', namespace: 'default', name: 'payments' };
    await client.getGroupServices(group, {
      includeChildren: true,
      from: '2026-01-01',
      to: '2026-02-01',
    });
    await client.getGroupCoverage(group, { includeChildren: false });
    await client.getGroupDora(group);
    await client.getOnCallShifts('component:default/a b');
    await client.getEntityEvents(
      { kind: 'component', namespace: 'default', name: 'checkout' },
      { cursor: 'abc', limit: 50, type: 'incident' },
    );
    await client.getOrgServices({ from: '2026-01-01' });
    expect(seen).toEqual([
      '/groups/default/payments/services?includeChildren=true&from=2026-01-01&to=2026-02-01',
      '/groups/default/payments/coverage',
      '/groups/default/payments/dora',
      '/oncall/shifts?entityRef=component%3Adefault%2Fa+b',
      '/entities/component/default/checkout/events?cursor=abc&limit=50&type=incident',
      '/org/services?from=2026-01-01',
    ]);
  });

  it('asks once for the same answer when two cards ask at the same time, and again later', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/onboarding/progress`, () => {
        calls += 1;
        return HttpResponse.json({ userRef: 'user:default/nina', steps: [] });
      }),
    );
    const [a, b] = await Promise.all([
      client.getOnboardingProgress(),
      client.getOnboardingProgress(),
    ]);
    expect(a).toEqual(b);
    expect(calls).toBe(1);
    await client.getOnboardingProgress();
    expect(calls).toBe(2);
  });

  it('lists backfill runs and starts one with a JSON body', async () => {
    const run = {
      id: 'r1',
      days: 30,
      startedAt: '2026-11-26T10:00:00Z',
      status: 'running',
      progress: { done: 0, total: 4, etaSeconds: null },
      sources: [],
    };
    let posted: { body: unknown; type: string | null } | undefined;
    server.use(
      http.get(`${baseUrl}/admin/backfill`, () =>
        HttpResponse.json({ runs: [run] }),
      ),
      http.post(`${baseUrl}/admin/backfill`, async ({ request }) => {
        posted = {
          body: await request.json(),
          type: request.headers.get('content-type'),
        };
        return HttpResponse.json(run, { status: 202 });
      }),
    );
    expect(await client.listBackfillRuns()).toEqual([run]);
    expect(await client.startBackfill({ days: 30 })).toEqual(run);
    expect(posted).toEqual({
      body: { days: 30 },
      type: 'application/json',
    });
  });
});
