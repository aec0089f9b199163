import { ProviderHttpError } from '@opsdeck/backstage-plugin-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createOpsgenieOnCallProvider } from './opsgenieOnCall';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const API = 'https://api.eu.opsgenie.com';
const hours = (h: number) =>
  new Date(Date.now() + h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

// Opsgenie REST API v2 bodies as documented: "List schedules", "Get schedule timeline",
// "List alerts" (data + took + requestId).
const schedules = {
  data: [
    {
      id: 'd875alp4-9b4e-4219-a803-0c26936d18de',
      name: 'Payments_schedule',
      description: '',
      timezone: 'Europe/Berlin',
      enabled: true,
      ownerTeam: {
        id: '90098alp9-f0e3-41d3-a060-0ea895027630',
        name: 'Payments',
      },
      rotations: [],
    },
    {
      id: 'e1',
      name: 'Other team',
      enabled: true,
      ownerTeam: { id: 't2', name: 'Search' },
    },
  ],
  expandable: ['rotation'],
  took: 0.032,
  requestId: '7e9b5a7c-1b0f-4e7e-8a8f-1c9f2c1d0a11',
};

const timeline = {
  data: {
    _parent: {
      id: 'd875alp4-9b4e-4219-a803-0c26936d18de',
      name: 'Payments_schedule',
      enabled: true,
    },
    startDate: hours(-12),
    endDate: hours(36),
    finalTimeline: {
      rotations: [
        {
          id: '7b9ca6a7-2d6c-4c4b-9b1e-4a0c9e0f9a1b',
          name: 'Weekly',
          order: 1,
          periods: [
            {
              startDate: hours(-12),
              endDate: hours(-2),
              type: 'historical',
              recipient: { id: 'u2', type: 'user', name: 'bob@acme.example' },
            },
            {
              startDate: hours(-2),
              endDate: hours(8),
              type: 'default',
              recipient: { id: 'u1', type: 'user', name: 'alice@acme.example' },
            },
            {
              startDate: hours(8),
              endDate: hours(36),
              type: 'default',
              recipient: { id: 'u2', type: 'user', name: 'bob@acme.example' },
            },
          ],
        },
      ],
    },
  },
  took: 0.05,
  requestId: 'a3b1',
};

const alerts = {
  data: [
    {
      id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
      tinyId: '1791',
      alias: 'event_573',
      message: 'Payments API 5xx above 2 %',
      status: 'open',
      acknowledged: false,
      isSeen: true,
      tags: ['payments'],
      snoozed: false,
      count: 79,
      lastOccurredAt: '2026-11-22T08:12:00.000Z',
      createdAt: '2026-11-22T08:00:00.000Z',
      updatedAt: '2026-11-22T08:12:00.000Z',
      source: 'Prometheus',
      owner: 'alice@acme.example',
      priority: 'P2',
      responders: [{ type: 'team', id: '90098alp9', name: 'Payments' }],
    },
  ],
  paging: { first: '', last: '' },
  took: 0.605,
  requestId: '9ae63dd7-ed00-4c81-86f0-c4ffd33142c9',
};

function opsgenie(auth = 'GenieKey og-key') {
  const seen: string[] = [];
  server.use(
    http.get(`${API}/v2/schedules`, ({ request }) => {
      expect(request.headers.get('authorization')).toBe(auth);
      seen.push('schedules');
      return HttpResponse.json(schedules);
    }),
    http.get(`${API}/v2/schedules/:id/timeline`, ({ params, request }) => {
      const url = new URL(request.url);
      expect(params.id).toBe('d875alp4-9b4e-4219-a803-0c26936d18de');
      expect(url.searchParams.get('identifierType')).toBe('id');
      seen.push(
        `timeline ${url.searchParams.get('interval')} ${url.searchParams.get(
          'intervalUnit',
        )}`,
      );
      return HttpResponse.json(timeline);
    }),
    http.get(`${API}/v2/alerts`, ({ request }) => {
      expect(new URL(request.url).searchParams.get('query')).toBe(
        'status: open AND teams: "Payments"',
      );
      seen.push('alerts');
      return HttpResponse.json(alerts);
    }),
  );
  return seen;
}

describe('Opsgenie on-call provider', () => {
  it("answers who is on call now from the team's schedules, with the team's open alerts", async () => {
    const seen = opsgenie();
    const provider = createOpsgenieOnCallProvider({
      baseUrl: API,
      token: 'og-key',
    });
    const answer = await provider.getOnCall({
      annotation: 'opsgenie.com/team',
      value: 'payments',
    });
    expect(answer.levels).toEqual([
      {
        level: 1,
        people: [
          { id: 'u1', name: 'alice@acme.example', email: 'alice@acme.example' },
        ],
        until: new Date(
          timeline.data.finalTimeline.rotations[0].periods[1].endDate,
        ).toISOString(),
        scheduleName: 'Payments_schedule',
      },
    ]);
    expect(answer.incidents).toEqual([
      {
        id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
        title: 'Payments API 5xx above 2 %',
        status: 'open',
        createdAt: '2026-11-22T08:00:00.000Z',
        urgency: 'P2',
      },
    ]);
    expect(seen.sort()).toEqual(['alerts', 'schedules', 'timeline 1 days']);
  });

  it('lists upcoming shifts from the timeline; JSM Operations with Basic auth', async () => {
    opsgenie(
      `Basic ${Buffer.from('me@acme.example:atl-token').toString('base64')}`,
    );
    const provider = createOpsgenieOnCallProvider({
      baseUrl: API,
      token: 'me@acme.example:atl-token',
      authScheme: 'Basic',
    });
    const shifts = await provider.getShifts!({
      annotation: 'opsgenie.com/team',
      value: 'Payments',
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 14 * 86_400_000),
    });
    expect(shifts.map(s => s.person.name)).toEqual([
      'bob@acme.example',
      'alice@acme.example',
      'bob@acme.example',
    ]);
  });

  it('a team without schedules is a definitive error naming it', async () => {
    opsgenie();
    const provider = createOpsgenieOnCallProvider({
      baseUrl: API,
      token: 'og-key',
    });
    const error = await provider
      .getOnCall({ annotation: 'opsgenie.com/team', value: 'Nobody' })
      .catch((e: ProviderHttpError) => e);
    expect(error).toMatchObject({ status: 404, transient: false });
    expect((error as Error).message).toBe(
      'Opsgenie has no enabled schedule owned by team Nobody',
    );
  });
});
