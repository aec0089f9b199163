import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

/**
 * Jira Service Management operations API (and Jira user API) bodies in their documented
 * shapes, served by msw for the JSM on-call provider's tests: team Payments with a primary and
 * a secondary schedule.
 */

export const CLOUD = 'a436116f-02ce-4520-8fbb-7301462a1674';
export const OPS = `https://api.atlassian.com/jsm/ops/api/${CLOUD}/v1`;
export const SITE = 'https://acme.atlassian.net';
export const AUTH = `Basic ${Buffer.from(
  'ops-bot@acme.example:atl-token',
).toString('base64')}`;
export const settings = {
  cloudId: CLOUD,
  email: 'ops-bot@acme.example',
  apiToken: 'atl-token',
  siteUrl: SITE,
};
/** Hours from one fixed moment, so fixtures and expectations agree to the second. */
const T0 = Date.now();
export const at = (h: number) =>
  new Date(T0 + h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const iso = (s: string) => new Date(s).toISOString();

export const TEAM = 'cd68207b-c55d-4611-ab25-72fd0c439e9f';
export const PRIMARY = 'f8f2a4ec-54b2-4513-865b-8cb3b81c9544';
export const SECONDARY = '0c829882-7de3-431e-8b64-8edcca7606d8';
export const ALICE = '5b10a2844c20165700ede21g';
export const BOB = '5b10ac8d82e05b22cc7d4ef5';
export const CAROL = '712020:0e2a1a41-7b9c-4e53-a0c1-5c2f1f8b8a70';
export const DAVE = '5b2b0e011b3a756623f4e25e';

// Team → List teams, https://developer.atlassian.com/cloud/jira/service-desk-ops/rest/v2/api-group-team/
// (ListPlatformTeamResponse: platformTeams[] of teamId and teamName).
const teams = {
  platformTeams: [
    { teamId: TEAM, teamName: 'Payments' },
    { teamId: '2ad4505d-d7a9-4997-8745-c40a3b641573', teamName: 'Search' },
  ],
};

// Schedules → List schedules, https://developer.atlassian.com/cloud/jira/service-desk-ops/rest/v2/api-group-schedules/
// (values[], links.next, _expands), in two pages to follow links.next.
const schedulesPage1 = {
  values: [
    {
      id: PRIMARY,
      name: 'Payments primary',
      description: 'On-call schedule for the payments team',
      timezone: 'Europe/Berlin',
      enabled: true,
      teamId: TEAM,
    },
  ],
  links: { next: '/v1/schedules?offset=1&size=1' },
  _expands: ['rotation'],
};
const schedulesPage2 = {
  values: [
    {
      id: SECONDARY,
      name: 'Payments secondary',
      description: '',
      timezone: 'Europe/Berlin',
      enabled: true,
      teamId: TEAM,
    },
    {
      id: 'e1f0e9c5-8b54-4c1a-9d6b-5b7d3f6c0a11',
      name: 'Search',
      timezone: 'UTC',
      enabled: true,
      teamId: '2ad4505d-d7a9-4997-8745-c40a3b641573',
    },
  ],
  links: {},
  _expands: ['rotation'],
};

// Escalations → List escalations, https://developer.atlassian.com/cloud/jira/service-desk-ops/rest/v2/api-group-escalations/
// (EscalationPaginatedResponse: values[] of id, name, description, rules[] of condition,
// notifyType, delay, recipient {id, type}; enabled; repeat; links).
export const escalation = (
  rules: { notifyType?: string; recipient: { id: string; type: string } }[],
  extra: Record<string, unknown> = {},
) => ({
  id: '69291859-ed73-4396-8b74-c61a3c810cdf',
  name: 'Payments_escalation',
  description: 'Primary, then secondary, then the team lead',
  rules: rules.map((r, i) => ({
    condition: 'if-not-acked',
    notifyType: r.notifyType ?? 'default',
    delay: i * 10,
    recipient: r.recipient,
  })),
  enabled: true,
  repeat: {
    waitInterval: 0,
    count: 0,
    resetRecipientStates: false,
    closeAlertAfterAll: false,
  },
  ...extra,
});
export const threeLevels = {
  values: [
    escalation([
      { recipient: { id: PRIMARY, type: 'schedule' } },
      { recipient: { id: SECONDARY, type: 'schedule' } },
      { recipient: { id: CAROL, type: 'user' } },
    ]),
  ],
  links: {},
};

// Schedule on-calls → List on-call responders with flat=true,
// https://developer.atlassian.com/cloud/jira/service-desk-ops/rest/v2/api-group-schedule-on-calls/
// (OnCallUsers: the on-call participants' account ids).
const onCalls: Record<string, { onCallUsers: string[] }> = {
  [PRIMARY]: { onCallUsers: [ALICE] },
  [SECONDARY]: { onCallUsers: [BOB] },
};

// Schedule timelines → Get schedule timeline,
// https://developer.atlassian.com/cloud/jira/service-desk-ops/rest/v2/api-group-schedule-timelines/
// (ScheduleTimelineResponse: startDate, endDate, finalTimeline.rotations[] of id, name, order,
// periods[] of startDate, endDate, type, responder {id, type}).
const timelines = (): Record<string, object> => ({
  [PRIMARY]: {
    startDate: at(-170),
    endDate: at(334),
    finalTimeline: {
      rotations: [
        {
          id: '3ce33f53-69be-4b92-8d34-a1df0efe642e',
          name: 'Weekly',
          order: 1,
          periods: [
            {
              startDate: at(-26),
              endDate: at(-2),
              type: 'historical',
              responder: { id: DAVE, type: 'user' },
            },
            {
              startDate: at(-2),
              endDate: at(8),
              type: 'default',
              responder: { id: ALICE, type: 'user' },
            },
            {
              startDate: at(8),
              endDate: at(176),
              type: 'default',
              responder: { id: DAVE, type: 'user' },
            },
          ],
        },
      ],
    },
    _expands: ['base', 'forwarding', 'override'],
  },
  [SECONDARY]: {
    startDate: at(-170),
    endDate: at(334),
    finalTimeline: {
      rotations: [
        {
          id: 'dec43451-becf-4d2b-99c6-2f98ff2c1eb3',
          name: 'Daily',
          order: 1,
          periods: [
            {
              startDate: at(-30),
              endDate: at(30),
              type: 'default',
              responder: { id: BOB, type: 'user' },
            },
          ],
        },
      ],
    },
  },
});

// Alerts → List alerts, https://developer.atlassian.com/cloud/jira/service-desk-ops/rest/v2/api-group-alerts/
// (ListAlertResponse: values[] of AlertResponse, count, links).
const alerts = {
  values: [
    {
      id: '9b251e07-73c9-4907-9996-8cb53a6a20d0-1704440650350',
      tinyId: '1791',
      createdAt: '2026-11-22T08:00:00.000Z',
      updatedAt: '2026-11-22T08:12:00.000Z',
      message: 'Payments API 5xx above 2 %',
      entity: 'payments-api',
      source: 'Prometheus',
      status: 'open',
      alias: 'payments-5xx',
      tags: ['payments'],
      acknowledged: true,
      count: 79,
      owner: 'Alice Example',
      snoozed: false,
      lastOccurredAt: '2026-11-22T08:12:00.000Z',
      integrationType: 'Prometheus',
      integrationName: 'Prometheus',
      priority: 'P2',
      responders: [{ id: TEAM, type: 'team' }],
      seen: true,
    },
    {
      id: 'c1a7e4e2-93b4-4a6d-8a6c-1f7f0e2b9d11-1704440650999',
      tinyId: '1792',
      createdAt: '2026-11-22T09:00:00.000Z',
      message: 'Search index lagging',
      status: 'open',
      acknowledged: false,
      priority: 'P3',
      responders: [
        { id: '2ad4505d-d7a9-4997-8745-c40a3b641573', type: 'team' },
      ],
    },
  ],
  count: 2,
  links: {},
};

// Jira platform → Bulk get users, https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/
// (PageBeanUser: values[] of accountId, displayName, emailAddress — absent when the user's
// profile visibility hides it).
const jiraUser = (accountId: string, displayName: string, email?: string) => ({
  self: `${SITE}/rest/api/3/user?accountId=${accountId}`,
  accountId,
  accountType: 'atlassian',
  ...(email ? { emailAddress: email } : {}),
  displayName,
  active: true,
  timeZone: 'Europe/Berlin',
});
const directory: Record<string, object> = {
  [ALICE]: jiraUser(ALICE, 'Alice Example', 'alice@acme.example'),
  [BOB]: jiraUser(BOB, 'Bob Example', 'bob@acme.example'),
  [CAROL]: jiraUser(CAROL, 'Carol Lead'),
  [DAVE]: jiraUser(DAVE, 'Dave Example', 'dave@acme.example'),
};

/** Serves the JSM operations API and the Jira site; returns what was asked, in order. */
export function jsmOperations(
  server: SetupServer,
  options: { escalations?: object; routingRules?: object } = {},
) {
  const seen: string[] = [];
  const ok = (request: Request) =>
    request.headers.get('authorization') === AUTH
      ? undefined
      : HttpResponse.json({ message: 'Unauthorized' }, { status: 401 });
  const tl = timelines();
  server.use(
    http.get(
      `${OPS}/teams`,
      ({ request }) => ok(request) ?? HttpResponse.json(teams),
    ),
    http.get(`${OPS}/schedules`, ({ request }) => {
      const offset = new URL(request.url).searchParams.get('offset');
      seen.push(`schedules ${offset ?? 0}`);
      return (
        ok(request) ??
        HttpResponse.json(offset === '1' ? schedulesPage2 : schedulesPage1)
      );
    }),
    http.get(`${OPS}/teams/:team/escalations`, ({ params, request }) => {
      expect(params.team).toBe(TEAM);
      return (
        ok(request) ??
        HttpResponse.json(options.escalations ?? { values: [], links: {} })
      );
    }),
    http.get(`${OPS}/teams/:team/routing-rules`, ({ request }) => {
      seen.push('routing-rules');
      return ok(request) ?? HttpResponse.json(options.routingRules);
    }),
    http.get(`${OPS}/schedules/:id/on-calls`, ({ params, request }) => {
      expect(new URL(request.url).searchParams.get('flat')).toBe('true');
      seen.push(`on-calls ${params.id}`);
      return ok(request) ?? HttpResponse.json(onCalls[params.id as string]);
    }),
    http.get(`${OPS}/schedules/:id/timeline`, ({ params, request }) => {
      const q = new URL(request.url).searchParams;
      seen.push(
        `timeline ${params.id} ${q.get('interval')} ${q.get('intervalUnit')}`,
      );
      return ok(request) ?? HttpResponse.json(tl[params.id as string]);
    }),
    http.get(`${OPS}/alerts`, ({ request }) => {
      expect(new URL(request.url).searchParams.get('query')).toBe(
        'status: open',
      );
      return ok(request) ?? HttpResponse.json(alerts);
    }),
    http.get(`${SITE}/rest/api/3/user/bulk`, ({ request }) => {
      const ids = new URL(request.url).searchParams.getAll('accountId');
      seen.push(`users ${ids.length}`);
      const values = ids.flatMap(id => (directory[id] ? [directory[id]] : []));
      return (
        ok(request) ??
        HttpResponse.json({
          maxResults: ids.length,
          startAt: 0,
          total: values.length,
          isLast: true,
          values,
        })
      );
    }),
  );
  return seen;
}
