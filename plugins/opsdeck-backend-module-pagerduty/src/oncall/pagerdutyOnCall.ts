import { PagerDutyApiSettings, createPagerDutyClient } from '../pagerdutyApi';
import {
  OpsDeckOnCallIncident,
  OpsDeckOnCallLevel,
  OpsDeckOnCallProvider,
  OpsDeckOnCallShift,
  ProviderHttpClient,
  ProviderHttpError,
  firstHttpUrl,
  textOf,
} from '@opsdeck/backstage-plugin-node';

/**
 * The annotation holding a PagerDuty Events API integration key.
 *
 * @public
 */
export const PAGERDUTY_INTEGRATION_KEY_ANNOTATION =
  'pagerduty.com/integration-key';
const SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';
const PAGE = 100;
const MAX_PAGES = 10;

/**
 * Settings of the PagerDuty on-call provider (`opsdeck.oncall.pagerduty`).
 *
 * @public
 */
export interface PagerDutyOnCallSettings extends PagerDutyApiSettings {
  /** Per-attempt timeout in ms (default 3 000). */
  timeoutMs?: number;
}

type Oncall = {
  user?: { id?: string; name?: string; summary?: string; email?: string };
  schedule?: { summary?: string } | null;
  escalation_policy?: { summary?: string };
  escalation_level?: number;
  start?: string | null;
  end?: string | null;
};

const personOf = (user: Oncall['user']) => ({
  id: textOf(user?.id),
  name: textOf(user?.name) ?? textOf(user?.summary) ?? 'Unknown user',
  email: textOf(user?.email),
});

/**
 * Who is on call for a PagerDuty service, per escalation level, from REST API v2: the service
 * (`GET /services/{id}`, or the service holding an integration key) → its escalation policy →
 * `GET /oncalls` per level; open incidents from `GET /incidents`.
 *
 * @public
 */
export function createPagerDutyOnCallProvider(
  settings: PagerDutyOnCallSettings,
): OpsDeckOnCallProvider {
  const http: ProviderHttpClient = createPagerDutyClient(
    settings,
    'opsdeck.oncall.pagerduty',
    { timeoutMs: settings.timeoutMs },
  );

  const serviceOf = async (annotation: string, value: string) => {
    if (annotation === SERVICE_ID_ANNOTATION) {
      const body = await http.getJson<any>(
        `/services/${encodeURIComponent(value)}`,
        { time_zone: 'UTC' },
      );
      return body?.service;
    }
    // The REST API has no lookup by integration key; search and check the integrations.
    const body = await http.getJson<any>('/services', {
      query: value,
      'include[]': 'integrations',
      time_zone: 'UTC',
    });
    const services: any[] = body?.services ?? [];
    const service = services.find(s =>
      (s?.integrations ?? []).some((i: any) => i?.integration_key === value),
    );
    if (!service) {
      throw new ProviderHttpError(
        `PagerDuty has no service with integration key ${value.slice(0, 4)}…`,
        404,
      );
    }
    return service;
  };

  const policyOf = async (annotation: string, value: string) => {
    const service = await serviceOf(annotation, value);
    const policy = textOf(service?.escalation_policy?.id);
    if (!policy) {
      throw new ProviderHttpError(
        `PagerDuty service ${value} has no escalation policy`,
        404,
      );
    }
    return { serviceId: textOf(service?.id) ?? value, policy };
  };

  const oncalls = async (policy: string, window?: { from: Date; to: Date }) => {
    const all: Oncall[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await http.getJson<any>('/oncalls', {
        'escalation_policy_ids[]': policy,
        'include[]': 'users',
        time_zone: 'UTC',
        since: window?.from.toISOString(),
        until: window?.to.toISOString(),
        limit: String(PAGE),
        offset: String(page * PAGE),
      });
      all.push(...((body?.oncalls ?? []) as Oncall[]));
      if (!body?.more) break;
    }
    return all;
  };

  const incidentsOf = async (
    serviceId: string,
  ): Promise<OpsDeckOnCallIncident[]> => {
    const body = await http.getJson<any>('/incidents', {
      'service_ids[]': serviceId,
      'statuses[]': ['triggered', 'acknowledged'],
      time_zone: 'UTC',
      sort_by: 'created_at:desc',
      limit: '25',
    });
    return ((body?.incidents ?? []) as any[]).flatMap(i =>
      textOf(i?.id) && textOf(i?.created_at)
        ? [
            {
              id: i.id,
              title: textOf(i.title) ?? textOf(i.summary) ?? i.id,
              status: textOf(i.status) ?? 'triggered',
              createdAt: i.created_at,
              urgency: textOf(i.urgency),
              url: firstHttpUrl(i.html_url),
            },
          ]
        : [],
    );
  };

  return {
    id: 'pagerduty',
    title: 'PagerDuty',
    annotations: [SERVICE_ID_ANNOTATION, PAGERDUTY_INTEGRATION_KEY_ANNOTATION],

    async getOnCall({ annotation, value }) {
      const { serviceId, policy } = await policyOf(annotation, value);
      const [entries, incidents] = await Promise.all([
        oncalls(policy),
        incidentsOf(serviceId),
      ]);
      const byLevel = new Map<number, Oncall[]>();
      for (const entry of entries) {
        const level = entry.escalation_level ?? 1;
        byLevel.set(level, [...(byLevel.get(level) ?? []), entry]);
      }
      const levels: OpsDeckOnCallLevel[] = [...byLevel.entries()]
        .sort(([a], [b]) => a - b)
        .map(([level, list]) => {
          const people = new Map(
            list.map(e => [e.user?.id ?? e.user?.summary, personOf(e.user)]),
          );
          const ends = list.flatMap(e => (e.end ? [Date.parse(e.end)] : []));
          const schedules = [
            ...new Set(list.flatMap(e => textOf(e.schedule?.summary) ?? [])),
          ];
          return {
            level,
            people: [...people.values()],
            until: ends.length
              ? new Date(Math.min(...ends)).toISOString()
              : undefined,
            scheduleName: schedules.length
              ? schedules.join(', ')
              : textOf(list[0].escalation_policy?.summary),
          };
        });
      return { levels, incidents };
    },

    async getShifts({ annotation, value, from, to }) {
      const { policy } = await policyOf(annotation, value);
      const entries = await oncalls(policy, { from, to });
      const iso = (time: string | null | undefined, fallback: Date) =>
        new Date(time ? Date.parse(time) : fallback.getTime()).toISOString();
      const shifts: OpsDeckOnCallShift[] = entries.map(e => ({
        person: personOf(e.user),
        from: iso(e.start, from),
        until: iso(e.end, to),
        level: e.escalation_level ?? 1,
        scheduleName:
          textOf(e.schedule?.summary) ?? textOf(e.escalation_policy?.summary),
      }));
      return shifts.sort(
        (a, b) => a.from.localeCompare(b.from) || a.level - b.level,
      );
    },
  };
}
