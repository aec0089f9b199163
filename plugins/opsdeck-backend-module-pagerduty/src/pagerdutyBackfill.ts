import {
  OpsDeckWebhookBackfill,
  fetchProviderJson,
  firstHttpUrl,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import { PAGERDUTY_SERVICE_ANNOTATION } from './pagerdutySource';

const LIMIT = 100;

/**
 * Imports incidents from PagerDuty's REST API v2 (`GET /incidents?service_ids[]=…&since=…`),
 * as the same records the v3 webhooks create (id = the incident id).
 *
 * @public
 */
export function createPagerDutyBackfill(options: {
  token: string;
  /** Default `https://api.pagerduty.com`; EU accounts: `https://api.eu.pagerduty.com`. */
  baseUrl?: string;
}): OpsDeckWebhookBackfill {
  const base = (options.baseUrl ?? 'https://api.pagerduty.com').replace(
    /\/$/,
    '',
  );
  const headers = {
    Authorization: `Token token=${options.token}`,
    Accept: 'application/vnd.pagerduty+json;version=2',
  };
  return {
    annotation: PAGERDUTY_SERVICE_ANNOTATION,
    async *run({ target, since, signal }) {
      for (let offset = 0; ; offset += LIMIT) {
        const { body } = await fetchProviderJson(
          `${base}/incidents?service_ids[]=${encodeURIComponent(target)}` +
            `&since=${since.toISOString()}&until=${new Date().toISOString()}` +
            `&statuses[]=triggered&statuses[]=acknowledged&statuses[]=resolved` +
            `&time_zone=UTC&limit=${LIMIT}&offset=${offset}`,
          { headers, signal },
        );
        const incidents = ((body?.incidents ?? []) as any[]).filter(
          i => textOf(i?.id) && textOf(i?.created_at),
        );
        if (incidents.length) {
          yield {
            incidents: incidents.map(i => {
              const resolvedAt =
                i.status === 'resolved'
                  ? textOf(i.resolved_at) ?? textOf(i.last_status_change_at)
                  : undefined;
              return {
                id: i.id,
                service: {
                  annotation: PAGERDUTY_SERVICE_ANNOTATION,
                  value: target,
                },
                openedAt: i.created_at,
                resolvedAt,
                severity: textOf(i.priority?.summary) ?? textOf(i.urgency),
                url: firstHttpUrl(i.html_url),
                title: textOf(i.title),
                at:
                  resolvedAt ?? textOf(i.last_status_change_at) ?? i.created_at,
              };
            }),
          };
        }
        if (!body?.more) return;
      }
    },
  };
}
