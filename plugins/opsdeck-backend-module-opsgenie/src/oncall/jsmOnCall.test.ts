import { ProviderHttpError } from '@opsdeck/backstage-plugin-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  ALICE,
  BOB,
  CAROL,
  OPS,
  PRIMARY,
  SECONDARY,
  TEAM,
  at,
  escalation,
  iso,
  jsmOperations,
  settings,
  threeLevels,
} from '../__testUtils__/jsmOperations';
import { createJsmOnCallProvider } from './jsmOnCall';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
const jsm = (options?: Parameters<typeof jsmOperations>[1]) =>
  jsmOperations(server, options);

const payments = { annotation: 'opsgenie.com/team', value: 'payments' };

describe('Jira Service Management on-call provider', () => {
  it("answers one level per rule of the team's escalation: schedules' on-call people with their hand-off, then the named user, and the team's open alerts", async () => {
    const seen = jsm({ escalations: threeLevels });
    const answer = await createJsmOnCallProvider(settings).getOnCall(payments);

    expect(answer.levels).toEqual([
      {
        level: 1,
        people: [
          { id: ALICE, name: 'Alice Example', email: 'alice@acme.example' },
        ],
        until: iso(at(8)),
        scheduleName: 'Payments primary',
      },
      {
        level: 2,
        people: [{ id: BOB, name: 'Bob Example', email: 'bob@acme.example' }],
        until: iso(at(30)),
        scheduleName: 'Payments secondary',
      },
      // Carol hides her e-mail address from Jira's user API.
      { level: 3, people: [{ id: CAROL, name: 'Carol Lead' }] },
    ]);
    expect(answer.incidents).toEqual([
      {
        id: '9b251e07-73c9-4907-9996-8cb53a6a20d0-1704440650350',
        title: 'Payments API 5xx above 2 %',
        status: 'acknowledged',
        createdAt: '2026-11-22T08:00:00.000Z',
        urgency: 'P2',
      },
    ]);
    // Both schedule pages read, each schedule asked once, every name in one Jira call.
    expect(seen.sort()).toEqual([
      'on-calls 0c829882-7de3-431e-8b64-8edcca7606d8',
      'on-calls f8f2a4ec-54b2-4513-865b-8cb3b81c9544',
      'schedules 0',
      'schedules 1',
      'timeline 0c829882-7de3-431e-8b64-8edcca7606d8 21 days',
      'timeline f8f2a4ec-54b2-4513-865b-8cb3b81c9544 21 days',
      'users 3',
    ]);
  });

  it("uses the escalation the team's default routing rule notifies, and a 'next' rule names who takes over at the hand-off", async () => {
    const seen = jsm({
      escalations: {
        values: [
          escalation([{ recipient: { id: SECONDARY, type: 'schedule' } }], {
            id: 'b3f1d2a0-0000-4000-8000-000000000001',
            name: 'Weekend escalation',
          }),
          escalation(
            [
              { recipient: { id: PRIMARY, type: 'schedule' } },
              {
                notifyType: 'next',
                recipient: { id: PRIMARY, type: 'schedule' },
              },
            ],
            { id: 'b3f1d2a0-0000-4000-8000-000000000002', name: 'Weekday' },
          ),
        ],
        links: {},
      },
      // Routing rules → List routing rules, https://developer.atlassian.com/cloud/jira/service-desk-ops/rest/v2/api-group-routing-rules/
      // (RoutingRulesPaginatedResponse: values[] of id, name, isDefault, order, notify {type, id}).
      routingRules: {
        values: [
          {
            id: '4292c912-12ac-4ac0-b195-9484fbb98c5c',
            name: 'Weekend alerts',
            isDefault: false,
            order: 0,
            timezone: 'Europe/Berlin',
            notify: {
              type: 'escalation',
              id: 'b3f1d2a0-0000-4000-8000-000000000001',
            },
          },
          {
            id: '5f1a0c3e-2b7d-4c1e-9f5a-3d2e1c0b9a88',
            name: 'Default',
            isDefault: true,
            order: 1,
            notify: {
              type: 'escalation',
              id: 'b3f1d2a0-0000-4000-8000-000000000002',
            },
          },
        ],
        links: {},
      },
    });
    const answer = await createJsmOnCallProvider(settings).getOnCall({
      annotation: 'opsgenie.com/team',
      // The team's id works as well as its name.
      value: TEAM,
    });

    expect(
      answer.levels.map(l => ({
        level: l.level,
        names: l.people.map(p => p.name),
        until: l.until,
        scheduleName: l.scheduleName,
      })),
    ).toEqual([
      {
        level: 1,
        names: ['Alice Example'],
        until: iso(at(8)),
        scheduleName: 'Payments primary',
      },
      {
        level: 2,
        names: ['Dave Example'],
        until: iso(at(176)),
        scheduleName: 'Payments primary',
      },
    ]);
    expect(seen).toContain('routing-rules');
  });

  it("without an escalation, the team's schedules' on-call people are level 1; without siteUrl people are shown by account id", async () => {
    jsm();
    const answer = await createJsmOnCallProvider({
      ...settings,
      siteUrl: undefined,
    }).getOnCall(payments);

    expect(answer.levels).toEqual([
      {
        level: 1,
        people: [
          { id: ALICE, name: ALICE },
          { id: BOB, name: BOB },
        ],
        until: iso(at(8)),
        scheduleName: 'Payments primary, Payments secondary',
      },
    ]);
  });

  it('lists shifts in the window with names, schedules and escalation levels', async () => {
    const seen = jsm({ escalations: threeLevels });
    const from = Date.now() - 3_600_000;
    const shifts = await createJsmOnCallProvider(settings).getShifts!({
      ...payments,
      from: new Date(from),
      to: new Date(from + 7 * 86_400_000),
    });

    expect(
      shifts.map(s => [
        s.person.name,
        s.level,
        s.scheduleName,
        s.from,
        s.until,
      ]),
    ).toEqual([
      ['Bob Example', 2, 'Payments secondary', iso(at(-30)), iso(at(30))],
      ['Alice Example', 1, 'Payments primary', iso(at(-2)), iso(at(8))],
      ['Dave Example', 1, 'Payments primary', iso(at(8)), iso(at(176))],
    ]);
    // The timeline starts at the beginning of the day containing `from`: one more day asked.
    expect(seen).toContain(
      'timeline f8f2a4ec-54b2-4513-865b-8cb3b81c9544 8 days',
    );
  });

  it('a team with neither an escalation nor a schedule is an error that says what to add', async () => {
    jsm();
    server.use(
      http.get(`${OPS}/schedules`, () =>
        HttpResponse.json({ values: [], links: {} }),
      ),
    );
    const error = await createJsmOnCallProvider(settings)
      .getOnCall(payments)
      .catch((e: ProviderHttpError) => e);
    expect(error).toMatchObject({ status: 404, transient: false });
    expect((error as Error).message).toBe(
      'Jira Service Management team Payments has no enabled on-call schedule: add one to the team in Jira Service Management (Operations → On-call)',
    );
  });

  it('a team the account cannot see is an error naming the annotation and the account', async () => {
    jsm();
    const error = await createJsmOnCallProvider(settings)
      .getOnCall({ annotation: 'opsgenie.com/team', value: 'Billing' })
      .catch((e: ProviderHttpError) => e);
    expect(error).toMatchObject({ status: 404, transient: false });
    expect((error as Error).message).toMatch(
      /^Jira Service Management has no operations team named or with id "Billing" that ops-bot@acme\.example can see: check the opsgenie\.com\/team annotation/,
    );
  });

  it('a rejected API token is a definitive error naming the config keys to check', async () => {
    jsm();
    const error = await createJsmOnCallProvider({
      ...settings,
      apiToken: 'revoked',
    })
      .getOnCall(payments)
      .catch((e: ProviderHttpError) => e);
    expect(error).toMatchObject({ status: 401, transient: false });
    expect((error as Error).message).toBe(
      `Jira Service Management answered 401 Unauthorized for ${OPS}/teams: check opsdeck.oncall.jsm.email and opsdeck.oncall.jsm.apiToken (an API token of that Atlassian account)`,
    );
  });

  it('refuses a configuration without a cloud id, naming the key', () => {
    expect(() => createJsmOnCallProvider({ ...settings, cloudId: '' })).toThrow(
      'opsdeck.oncall.jsm.cloudId is required',
    );
  });
});
