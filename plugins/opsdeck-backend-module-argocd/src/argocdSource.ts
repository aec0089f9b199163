import {
  deliveryIdOfBody,
  OpsDeckWebhookSource,
  firstHttpUrl,
  parseWebhookJson,
  textOf,
} from '@opsdeck/backstage-plugin-node';

/** The annotation that maps an Argo CD application to its catalog entity. */
export const ARGOCD_APP_ANNOTATION = 'argocd/app-name';

/** Trigger → the deployment status it reports. */
const TRIGGER_STATUS: Record<string, string> = {
  'on-deployed': 'success',
  'on-sync-failed': 'failure',
  'on-health-degraded': 'degraded',
};

/**
 * The Argo CD notifications source. Argo CD cannot sign; it sends a Backstage token
 * (`backend.auth.externalAccess`, permission `opsdeck.events.create`), which OpsDeck checks
 * before reading the body. A deployment is one sync operation: id = app name + operation start,
 * SHA = the synced revision; `on-deployed` is success, `on-sync-failed` and
 * `on-health-degraded` failure.
 *
 * @public
 */
export function createArgoCdWebhookSource(): OpsDeckWebhookSource {
  return {
    id: 'argocd',
    authentication: 'backstage-token',
    async verify({ rawBody }) {
      // Argo CD sends no delivery id; a resent notification has the same body.
      return {
        deliveryId: deliveryIdOfBody(rawBody),
      };
    },
    normalize({ rawBody, receivedAt }) {
      const body = parseWebhookJson(rawBody) ?? {};
      const trigger = textOf(body.trigger) ?? '';
      const status = TRIGGER_STATUS[trigger];
      if (!status) {
        return {
          ignored: `trigger '${
            trigger || 'unknown'
          }' is not used; send on-deployed, on-sync-failed, on-health-degraded`,
        };
      }
      const app = textOf(body.app);
      const startedAt = textOf(body.startedAt);
      if (!app || !startedAt) {
        return { ignored: `${trigger} without app or startedAt` };
      }
      const finishedAt = textOf(body.finishedAt) ?? startedAt;
      const revision = textOf(body.revision);
      return {
        deployments: [
          {
            id: `${app}@${startedAt}`,
            service: { annotation: ARGOCD_APP_ANNOTATION, value: app },
            environment: textOf(body.environment) ?? 'production',
            status,
            startedAt,
            finishedAt,
            commit:
              revision && /^[0-9a-f]{7,64}$/i.test(revision)
                ? { sha: revision }
                : undefined,
            url: firstHttpUrl(body.url),
            title: `${app} sync`,
            // Degraded health is noticed after the sync finished: it happens when it arrives.
            at: trigger === 'on-health-degraded' ? receivedAt : finishedAt,
          },
        ],
      };
    },
  };
}
