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

// Schedule API → List Schedules, https://docs.opsgenie.com/docs/schedule-api (data[] of id,
// name, description, timezone, enabled, ownerTeam {id, name}, rotations; took; requestId).
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

// Schedule API → Get Schedule Timeline, https://docs.opsgenie.com/docs/schedule-api
// (data: _parent, startDate, endDate, finalTimeline.rotations[] of id, name, order, periods[]
// of startDate, endDate, type, recipient {id, type, name}).
const timeline = {
  data: {
    _parent: {
      id: 'd875alp4-9b4e-4219-a803-0c26936d18de',
      name: 'Payments_schedule',
      enabled: true,
    },
    startDate: hours(-12),
    endDate: hours(300),
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
              endDate: hours(176),
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

// Alert API → List Alerts, https://docs.opsgenie.com/docs/alert-api (data[] of AlertResponse,
// paging, took, requestId).
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

// Escalation API → List Escalations, https://docs.opsgenie.com/docs/escalation-api (data[] of
// id, name, description, ownerTeam {id, name}, rules[] of condition, notifyType, delay
// {timeAmount, timeUnit}, recipient {type, id, name | username}; repeat; took; requestId).
const rule = (
  minutes: number,
  recipient: Record<string, string>,
  notifyType = 'default',
) => ({
  condition: 'if-not-acked',
  notifyType,
  delay: { timeAmount: minutes, timeUnit: 'minutes' },
  recipient,
});
const paymentsEscalation = {
  id: '9a2ac6d3-ecb3-4dd2-9b8e-8f25f2a1f5b8',
  name: 'Payments_escalation',
  description: '',
  ownerTeam: { id: '90098alp9-f0e3-41d3-a060-0ea895027630', name: 'Payments' },
  rules: [
    rule(0, {
      type: 'schedule',
      id: 'd875alp4-9b4e-4219-a803-0c26936d18de',
      name: 'Payments_schedule',
    }),
    rule(10, {
      type: 'user',
      id: 'u3',
      username: 'carol@acme.example',
    }),
    rule(
      30,
      {
        type: 'schedule',
        id: 'd875alp4-9b4e-4219-a803-0c26936d18de',
        name: 'Payments_schedule',
      },
      'next',
    ),
  ],
  repeat: {
    waitInterval: 10,
    count: 1,
    resetRecipientStates: false,
    closeAlertAfterAll: false,
  },
};
const otherTeamsEscalation = {
  id: '7c1f0b8e-2d6e-4c55-9a44-3b3c9f6a1e10',
  name: 'Search_escalation',
  ownerTeam: { id: 't2', name: 'Search' },
  rules: [rule(0, { type: 'user', id: 'u9', username: 'sam@acme.example' })],
};
const escalations = (data: object[]) => ({
  data,
  took: 0.011,
  requestId: 'c2b0f0d6-9f0a-4a7f-8d2f-2b1c6f0e9a31',
});

function opsgenie(
  options: {
    auth?: string;
    escalations?: object;
    routingRules?: object;
  } = {},
) {
  const auth = options.auth ?? 'GenieKey og-key';
  const seen: string[] = [];
  const ok = (request: Request) =>
    request.headers.get('authorization') === auth
      ? undefined
      : HttpResponse.json(
          { message: 'Could not authenticate', took: 0, requestId: 'r401' },
          { status: 401 },
        );
  server.use(
    http.get(`${API}/v2/schedules`, ({ request }) => {
      seen.push('schedules');
      return ok(request) ?? HttpResponse.json(schedules);
    }),
    http.get(`${API}/v2/escalations`, ({ request }) => {
      seen.push('escalations');
      return (
        ok(request) ??
        HttpResponse.json(
          options.escalations ?? escalations([otherTeamsEscalation]),
        )
      );
    }),
    http.get(`${API}/v2/teams/:team/routing-rules`, ({ params, request }) => {
      seen.push(`routing-rules ${params.team}`);
      return ok(request) ?? HttpResponse.json(options.routingRules);
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
      return ok(request) ?? HttpResponse.json(timeline);
    }),
    http.get(`${API}/v2/alerts`, ({ request }) => {
      expect(new URL(request.url).searchParams.get('query')).toBe(
        'status: open AND teams: "Payments"',
      );
      seen.push('alerts');
      return ok(request) ?? HttpResponse.json(alerts);
    }),
  );
  return seen;
}

const periods = timeline.data.finalTimeline.rotations[0].periods;
const provider = () =>
  createOpsgenieOnCallProvider({ baseUrl: API, token: 'og-key' });

describe('Opsgenie on-call provider', () => {
  it("answers one level per rule of the team's escalation: the schedule's on-call person until the hand-off, the named user, the next in rotation; with the team's open alerts", async () => {
    const seen = opsgenie({
      escalations: escalations([otherTeamsEscalation, paymentsEscalation]),
    });
    const answer = await provider().getOnCall({
      annotation: 'opsgenie.com/team',
      value: 'payments',
    });
    expect(answer.levels).toEqual([
      {
        level: 1,
        people: [
          { id: 'u1', name: 'alice@acme.example', email: 'alice@acme.example' },
        ],
        until: new Date(periods[1].endDate).toISOString(),
        scheduleName: 'Payments_schedule',
      },
      {
        level: 2,
        people: [
          { id: 'u3', name: 'carol@acme.example', email: 'carol@acme.example' },
        ],
      },
      {
        level: 3,
        people: [
          { id: 'u2', name: 'bob@acme.example', email: 'bob@acme.example' },
        ],
        until: new Date(periods[2].endDate).toISOString(),
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
    // One timeline read for the schedule both rules name.
    expect(seen.sort()).toEqual([
      'alerts',
      'escalations',
      'schedules',
      'timeline 21 days',
    ]);
  });

  it("with several escalations, uses the one the team's default routing rule notifies", async () => {
    const seen = opsgenie({
      escalations: escalations([
        {
          ...paymentsEscalation,
          id: 'e-night',
          name: 'Payments_night',
          rules: [
            rule(0, { type: 'user', id: 'u9', username: 'night@acme.example' }),
          ],
        },
        { ...paymentsEscalation, rules: paymentsEscalation.rules.slice(1, 2) },
      ]),
      // Team Routing Rule API → List Team Routing Rules, https://docs.opsgenie.com/docs/team-routing-rule-api
      // (data[] of id, name, isDefault, order, criteria, timezone, notify {type, name, id}).
      routingRules: {
        data: [
          {
            id: 'r-night',
            name: 'Nights',
            isDefault: false,
            order: 0,
            criteria: { type: 'match-all' },
            timezone: 'Europe/Berlin',
            notify: {
              type: 'escalation',
              name: 'Payments_night',
              id: 'e-night',
            },
          },
          {
            id: 'r-default',
            name: 'Default Routing Rule',
            isDefault: true,
            order: 1,
            criteria: { type: 'match-all' },
            notify: {
              type: 'escalation',
              name: 'Payments_escalation',
              id: '9a2ac6d3-ecb3-4dd2-9b8e-8f25f2a1f5b8',
            },
          },
        ],
        took: 0.02,
        requestId: 'a5f2',
      },
    });
    const answer = await provider().getOnCall({
      annotation: 'opsgenie.com/team',
      value: 'Payments',
    });
    expect(answer.levels.map(l => l.people.map(p => p.name))).toEqual([
      ['carol@acme.example'],
    ]);
    expect(seen).toContain(
      'routing-rules 90098alp9-f0e3-41d3-a060-0ea895027630',
    );
  });

  it("without an escalation, the team's schedules' on-call people are level 1", async () => {
    opsgenie();
    const answer = await provider().getOnCall({
      annotation: 'opsgenie.com/team',
      value: 'payments',
    });
    expect(answer.levels).toEqual([
      {
        level: 1,
        people: [
          { id: 'u1', name: 'alice@acme.example', email: 'alice@acme.example' },
        ],
        until: new Date(periods[1].endDate).toISOString(),
        scheduleName: 'Payments_schedule',
      },
    ]);
  });

  it('lists shifts in the window from the timeline, with the escalation level; JSM Operations with Basic auth', async () => {
    opsgenie({
      auth: `Basic ${Buffer.from('me@acme.example:atl-token').toString(
        'base64',
      )}`,
      escalations: escalations([paymentsEscalation]),
    });
    const shifts = await createOpsgenieOnCallProvider({
      baseUrl: API,
      token: 'me@acme.example:atl-token',
      authScheme: 'Basic',
    }).getShifts!({
      annotation: 'opsgenie.com/team',
      value: 'Payments',
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 14 * 86_400_000),
    });
    expect(shifts.map(s => [s.person.name, s.level, s.scheduleName])).toEqual([
      ['alice@acme.example', 1, 'Payments_schedule'],
      ['bob@acme.example', 1, 'Payments_schedule'],
    ]);
  });

  it('a team with neither schedules nor an escalation is a definitive error naming the fix', async () => {
    opsgenie();
    const error = await provider()
      .getOnCall({ annotation: 'opsgenie.com/team', value: 'Nobody' })
      .catch((e: ProviderHttpError) => e);
    expect(error).toMatchObject({ status: 404, transient: false });
    expect((error as Error).message).toBe(
      "Opsgenie has no enabled schedule owned by team Nobody: check the team's name in the opsgenie.com/team annotation, or give the team an on-call schedule in Opsgenie",
    );
  });

  it('a rejected API key is a definitive error naming the config key to check', async () => {
    opsgenie();
    const error = await createOpsgenieOnCallProvider({
      baseUrl: API,
      token: 'revoked',
    })
      .getOnCall({ annotation: 'opsgenie.com/team', value: 'Payments' })
      .catch((e: ProviderHttpError) => e);
    expect(error).toMatchObject({ status: 401, transient: false });
    expect((error as Error).message).toMatch(
      /^Opsgenie answered 401 Unauthorized for https:\/\/api\.eu\.opsgenie\.com\/v2\/(schedules|escalations): check opsdeck\.oncall\.opsgenie\.token \(an Opsgenie API integration key\) and opsdeck\.oncall\.opsgenie\.authScheme$/,
    );
  });
});
