import {
  OpsDeckWebhookBackfill,
  OpsDeckWebhookSettings,
  OpsDeckWebhookSource,
  firstHttpUrl,
  requireHmacSignature,
  parseWebhookJson,
  requireSecrets,
  requireWebhookHeader,
  textOf,
} from '@opsdeck/backstage-plugin-node';

/** The annotation that maps a PagerDuty service to its catalog entity. */
export const PAGERDUTY_SERVICE_ANNOTATION = 'pagerduty.com/service-id';

/** Incident events that change what DORA sees; others (annotated, escalated…) only refresh fields. */
const RESOLVES = 'incident.resolved';
const REOPENS = 'incident.reopened';

/**
 * The PagerDuty v3 webhook source: checks `X-PagerDuty-Signature` (a `v1=` list; any match
 * with any configured secret), dedupes on `X-Webhook-Id`, reads `incident.*` events.
 *
 * @public
 */
export function createPagerDutyWebhookSource(
  settings: OpsDeckWebhookSettings,
  backfill?: OpsDeckWebhookBackfill,
): OpsDeckWebhookSource {
  return {
    id: 'pagerduty',
    backfill,
    async verify({ headers, rawBody }) {
      requireSecrets(settings, 'pagerduty');
      requireHmacSignature({
        headers,
        rawBody,
        header: 'X-PagerDuty-Signature',
        prefix: 'v1=',
        secrets: settings.secrets,
      });
      return { deliveryId: requireWebhookHeader(headers, 'x-webhook-id') };
    },
    normalize({ rawBody }) {
      const event = parseWebhookJson(rawBody)?.event ?? {};
      const type = textOf(event.event_type) ?? '';
      if (event.resource_type !== 'incident' || !type.startsWith('incident.')) {
        return {
          ignored: `event '${
            type || 'unknown'
          }' is not used; send incident.* events`,
        };
      }
      const data = event.data ?? {};
      const id = textOf(data.id);
      const service = textOf(data.service?.id);
      const occurredAt = textOf(event.occurred_at);
      if (!id || !service || !occurredAt) {
        return {
          ignored: `${type} without data.id, data.service.id or occurred_at`,
        };
      }
      let resolvedAt: string | null | undefined;
      if (type === RESOLVES) resolvedAt = occurredAt;
      else if (type === REOPENS) resolvedAt = null;
      return {
        incidents: [
          {
            id,
            service: {
              annotation: PAGERDUTY_SERVICE_ANNOTATION,
              value: service,
            },
            openedAt: textOf(data.created_at) ?? occurredAt,
            resolvedAt,
            severity: textOf(data.priority?.summary) ?? textOf(data.urgency),
            url: firstHttpUrl(data.html_url),
            title: textOf(data.title),
            at: occurredAt,
          },
        ],
      };
    },
  };
}
