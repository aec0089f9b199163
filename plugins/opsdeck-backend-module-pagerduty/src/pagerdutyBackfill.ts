import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  BACKFILL_HTTP_OPTIONS,
  OpsDeckWebhookBackfill,
  firstHttpUrl,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import {
  PagerDutyApiSettings,
  createPagerDutyClient,
  readPagerDutyApiSettings,
  readPagerDutyPluginSettings,
} from './pagerdutyApi';
import { PAGERDUTY_SERVICE_ANNOTATION } from './pagerdutySource';

const LIMIT = 100;

/**
 * Imports incidents from PagerDuty's REST API v2 (`GET /incidents?service_ids[]=…&since=…`,
 * every page by `offset` while `more`), as the same records the v3 webhooks create (id = the
 * incident id), through the provider HTTP client (timeouts, retries, rate limits waited out).
 *
 * @public
 */
export function createPagerDutyBackfill(
  settings: PagerDutyApiSettings,
): OpsDeckWebhookBackfill {
  const client = createPagerDutyClient(
    settings,
    'PagerDuty backfill',
    BACKFILL_HTTP_OPTIONS,
  );
  return {
    annotation: PAGERDUTY_SERVICE_ANNOTATION,
    async *run({ target, since, signal }) {
      const until = new Date().toISOString();
      for (let offset = 0; ; offset += LIMIT) {
        const { body } = await client.getPage<any>(
          '/incidents',
          {
            'service_ids[]': target,
            since: since.toISOString(),
            until,
            'statuses[]': ['triggered', 'acknowledged', 'resolved'],
            time_zone: 'UTC',
            limit: String(LIMIT),
            offset: String(offset),
          },
          signal,
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

/**
 * Where the PagerDuty backfill gets its credentials, first found: `opsdeck.oncall.pagerduty`
 * (what the on-call provider uses), the `pagerDuty` block of PagerDuty's own Backstage plugin,
 * or — the old place, with a deprecation warning — `opsdeck.webhooks.pagerduty.token`.
 *
 * @public
 */
export function pagerdutyBackfillSettings(options: {
  rootConfig: Config;
  logger: LoggerService;
  token?: string;
  baseUrl?: string;
}): PagerDutyApiSettings | undefined {
  const { rootConfig, logger, token, baseUrl } = options;
  const oncall = rootConfig.getOptionalConfig('opsdeck.oncall.pagerduty');
  if (oncall) {
    const settings = readPagerDutyApiSettings(oncall);
    if (settings.token || settings.oauth) return settings;
  }
  const plugin = readPagerDutyPluginSettings(rootConfig);
  if (plugin) return plugin;
  if (token) {
    logger.warn(
      "opsdeck.webhooks.pagerduty.token is deprecated: OpsDeck reads opsdeck.oncall.pagerduty or the pagerDuty block of PagerDuty's Backstage plugin; the old key keeps working",
    );
    return { token, baseUrl };
  }
  return undefined;
}
