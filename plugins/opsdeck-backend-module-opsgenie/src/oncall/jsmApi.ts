import {
  ProviderHttpClient,
  createProviderHttpClient,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import {
  Escalation,
  ScheduleRef,
  ScheduleTimeline,
  Who,
  chooseEscalation,
  timeOf,
} from './escalationLevels';
import { FixHints, withFix } from './providerErrors';

/**
 * Settings of the Jira Service Management Operations on-call provider (`opsdeck.oncall.jsm`).
 *
 * @public
 */
export interface JsmOnCallSettings {
  /** The site's cloud id (`https://<site>.atlassian.net/_edge/tenant_info` shows it). */
  cloudId: string;
  /** The Atlassian account whose API token is used. */
  email: string;
  /** An API token of that account. */
  apiToken: string;
  /** Default `https://api.atlassian.com`; the operations API is `{baseUrl}/jsm/ops/api/{cloudId}`. */
  baseUrl?: string;
  /**
   * The Jira site, e.g. `https://acme.atlassian.net`: on-call people are Atlassian account ids,
   * named through Jira's user API on the site. Without it people are shown by account id.
   */
  siteUrl?: string;
  /** For tests. */
  fetch?: typeof fetch;
}

const KEY = 'opsdeck.oncall.jsm';
const MAX_PAGES = 20;
/** Account ids per Jira bulk user request (each is a query parameter). */
const USERS_PER_CALL = 50;

const OPS_FIXES: FixHints = {
  401: `check ${KEY}.email and ${KEY}.apiToken (an API token of that Atlassian account)`,
  403: `the account in ${KEY}.email may not read this: it needs Jira Service Management agent access and membership of the team (or the Operations read-only admin right)`,
};

const SITE_FIXES: FixHints = {
  401: `check ${KEY}.siteUrl, ${KEY}.email and ${KEY}.apiToken`,
  403: `the account in ${KEY}.email may not browse users on ${KEY}.siteUrl`,
  404: `check ${KEY}.siteUrl (the Jira site, e.g. https://acme.atlassian.net)`,
};

/** A JSM operations team: its id and name. */
export type JsmTeam = { id: string; name: string };

/** The parts of the JSM operations API and Jira's user API that on-call needs. */
export interface JsmApi {
  teams(): Promise<JsmTeam[]>;
  schedules(): Promise<ScheduleRef[]>;
  /** The team's escalation (see `chooseEscalation`), or undefined when it has none. */
  escalationOf(teamId: string): Promise<Escalation | undefined>;
  onCallNow(scheduleId: string): Promise<Who[]>;
  timeline(
    scheduleId: string,
    from: Date,
    days: number,
  ): Promise<ScheduleTimeline>;
  openAlertsOf(teamId: string): Promise<any[]>;
  /** Names and e-mails of account ids, as far as Jira shows them. */
  people(
    accountIds: string[],
  ): Promise<Map<string, { name?: string; email?: string }>>;
}

/** Follows the operations API's `links.next` (a path below the API base) page by page. */
async function allValues(
  http: ProviderHttpClient,
  path: string,
  query: Record<string, string> = {},
): Promise<any[]> {
  const values: any[] = [];
  let next: { path: string; query: Record<string, string> } | undefined = {
    path,
    query,
  };
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const body: any = await http.getJson<any>(next.path, next.query);
    values.push(...((body?.values ?? []) as any[]));
    const link = textOf(body?.links?.next);
    const url = link ? new URL(link, 'https://api.invalid') : undefined;
    const at = url?.pathname.indexOf('/v1/') ?? -1;
    next =
      url && at >= 0
        ? {
            path: url.pathname.slice(at),
            query: Object.fromEntries(url.searchParams),
          }
        : undefined;
  }
  return values;
}

const basic = (settings: JsmOnCallSettings) =>
  `Basic ${Buffer.from(`${settings.email}:${settings.apiToken}`).toString(
    'base64',
  )}`;

/** The JSM operations API (`/jsm/ops/api/{cloudId}/v1`) and Jira's user API on the site. */
export function createJsmApi(settings: JsmOnCallSettings): JsmApi {
  for (const key of ['cloudId', 'email', 'apiToken'] as const) {
    if (!settings[key]) throw new Error(`${KEY}.${key} is required`);
  }
  if (settings.siteUrl && !/^https?:\/\/[^/]+/i.test(settings.siteUrl)) {
    throw new Error(
      `${KEY}.siteUrl must be the Jira site's URL, e.g. https://acme.atlassian.net`,
    );
  }
  const base = (settings.baseUrl ?? 'https://api.atlassian.com').replace(
    /\/+$/,
    '',
  );
  const ops = createProviderHttpClient({
    provider: 'Jira Service Management',
    baseUrl: `${base}/jsm/ops/api/${encodeURIComponent(settings.cloudId)}`,
    authorization: async () => basic(settings),
    fetch: settings.fetch,
  });
  const site =
    settings.siteUrl &&
    createProviderHttpClient({
      provider: 'Jira',
      baseUrl: settings.siteUrl,
      authorization: async () => basic(settings),
      fetch: settings.fetch,
    });

  const explained =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>, fixes: FixHints) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        throw withFix(error, fixes);
      }
    };
  const id = encodeURIComponent;

  return {
    // GET /v1/teams answers the teams the account is a member of (all of them for admins).
    teams: explained(
      async () => {
        const body = await ops.getJson<any>('/v1/teams');
        return ((body?.platformTeams ?? []) as any[]).flatMap(t =>
          textOf(t?.teamId)
            ? [{ id: t.teamId, name: textOf(t.teamName) ?? t.teamId }]
            : [],
        );
      },
      {
        ...OPS_FIXES,
        404: `check ${KEY}.cloudId (https://<site>.atlassian.net/_edge/tenant_info shows it)`,
      },
    ),

    schedules: explained(async () => {
      const values = await allValues(ops, '/v1/schedules');
      return values.flatMap(s =>
        textOf(s?.id) && s?.enabled !== false
          ? [
              {
                id: String(s.id),
                name: textOf(s.name) ?? String(s.id),
                teamId: textOf(s.teamId),
              },
            ]
          : [],
      );
    }, OPS_FIXES),

    escalationOf: explained(async (teamId: string) => {
      const escalations: Escalation[] = (
        await allValues(ops, `/v1/teams/${id(teamId)}/escalations`)
      ).map(e => ({
        id: textOf(e?.id),
        name: textOf(e?.name),
        enabled: e?.enabled,
        rules: (e?.rules ?? []) as Escalation['rules'],
      }));
      if (escalations.filter(e => e.enabled !== false).length < 2) {
        return chooseEscalation(escalations);
      }
      // Several: the one the team's default routing rule sends alerts to.
      const routes = await allValues(
        ops,
        `/v1/teams/${id(teamId)}/routing-rules`,
      );
      return chooseEscalation(
        escalations,
        routes.find(r => r?.isDefault === true || r?.isDefault === 'true')
          ?.notify,
      );
    }, OPS_FIXES),

    onCallNow: explained(async (scheduleId: string) => {
      const body = await ops.getJson<any>(
        `/v1/schedules/${id(scheduleId)}/on-calls`,
        { flat: 'true' },
      );
      return ((body?.onCallUsers ?? []) as unknown[]).flatMap(u =>
        textOf(u) ? [{ id: textOf(u) }] : [],
      );
    }, OPS_FIXES),

    timeline: explained(
      async (scheduleId: string, from: Date, days: number) => {
        const body = await ops.getJson<any>(
          `/v1/schedules/${id(scheduleId)}/timeline`,
          {
            date: from.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            interval: String(Math.max(1, Math.ceil(days))),
            intervalUnit: 'days',
          },
        );
        const rotations = (body?.finalTimeline?.rotations ?? []) as any[];
        return {
          end: timeOf(body?.endDate),
          periods: rotations.flatMap(r =>
            ((r?.periods ?? []) as any[]).flatMap(p => {
              const start = timeOf(p?.startDate);
              const end = timeOf(p?.endDate);
              if (start === undefined || end === undefined) return [];
              // A team or escalation in a rotation: its users, as JSM flattens them.
              const users =
                p?.responder?.type === 'user'
                  ? [p.responder]
                  : ((p?.flattenedResponders ?? []) as any[]).filter(
                      f => f?.type === 'user',
                    );
              const who = users.flatMap(u =>
                textOf(u?.id) ? [{ id: textOf(u.id) }] : [],
              );
              return [{ start, end, who }];
            }),
          ),
        };
      },
      OPS_FIXES,
    ),

    openAlertsOf: explained(async (teamId: string) => {
      const body = await ops.getJson<any>('/v1/alerts', {
        query: 'status: open',
        sort: 'createdAt',
        order: 'desc',
        size: '100',
      });
      // Alerts name their teams among their responders.
      return ((body?.values ?? []) as any[]).filter(a =>
        ((a?.responders ?? []) as any[]).some(
          r => r?.type === 'team' && r?.id === teamId,
        ),
      );
    }, OPS_FIXES),

    people: explained(async (accountIds: string[]) => {
      const found = new Map<string, { name?: string; email?: string }>();
      if (!site || !accountIds.length) return found;
      for (let i = 0; i < accountIds.length; i += USERS_PER_CALL) {
        const chunk = accountIds.slice(i, i + USERS_PER_CALL);
        const body = await site.getJson<any>('/rest/api/3/user/bulk', {
          accountId: chunk,
          maxResults: String(chunk.length),
        });
        for (const u of (body?.values ?? []) as any[]) {
          if (textOf(u?.accountId)) {
            found.set(u.accountId, {
              name: textOf(u.displayName),
              // Hidden when the user's profile visibility says so.
              email: textOf(u.emailAddress),
            });
          }
        }
      }
      return found;
    }, SITE_FIXES),
  };
}
