import { AuthenticationError } from '@backstage/errors';
import {
  deliveryIdOfBody,
  OpsDeckWebhookSettings,
  OpsDeckWebhookSource,
  firstHttpUrl,
  parseWebhookJson,
  requireSecrets,
  sharedSecretMatches,
  textOf,
  webhookHeader,
} from '@opsdeck/backstage-plugin-node';

/** The annotation that maps an Opsgenie / JSM Operations team to catalog entities. */
export const OPSGENIE_TEAM_ANNOTATION = 'opsgenie.com/team';

/** Default header carrying the shared secret (set it as a custom header in the integration). */
export const DEFAULT_OPSGENIE_HEADER = 'x-opsdeck-secret';

/** Epoch ms from Opsgenie's mixed time stamps: ms, µs or ns numbers, or ISO strings. */
export function opsgenieTime(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    if (value > 1e17) return Math.floor(value / 1e6);
    if (value > 1e14) return Math.floor(value / 1e3);
    return Math.floor(value);
  }
  return textOf(value);
}

/** The first team of an alert or incident: `teams` (names or {name}) or a team responder. */
function teamOf(record: any): string | undefined {
  const named = (t: any) => textOf(typeof t === 'string' ? t : t?.name);
  const teams: any[] = Array.isArray(record?.teams) ? record.teams : [];
  const responders: any[] = Array.isArray(record?.responders)
    ? record.responders
    : [];
  return (
    teams.map(named).find(Boolean) ??
    responders
      .filter(r => r?.type === 'team')
      .map(named)
      .find(Boolean)
  );
}

/**
 * The Opsgenie / Jira Service Management Operations webhook source: checks a shared secret in a
 * configured header (constant time), reads incident and alert Create / Close / Reopen actions.
 * Alerts are stored flagged as alerts; they count as incidents only with
 * `opsdeck.dora.incidents.includeAlerts`.
 *
 * @public
 */
export function createOpsgenieWebhookSource(
  settings: OpsDeckWebhookSettings,
): OpsDeckWebhookSource {
  const header = settings.header ?? DEFAULT_OPSGENIE_HEADER;
  return {
    id: 'opsgenie',
    secretHeaders: [header],
    async verify({ headers, rawBody }) {
      requireSecrets(settings, 'opsgenie');
      if (
        !sharedSecretMatches(settings.secrets, webhookHeader(headers, header))
      ) {
        throw new AuthenticationError(
          `${header} is missing or matches no configured secret`,
        );
      }
      // Opsgenie sends no delivery id; a resent webhook has the same body.
      return {
        deliveryId: deliveryIdOfBody(rawBody),
      };
    },
    normalize({ rawBody, receivedAt }) {
      const body = parseWebhookJson(rawBody) ?? {};
      const action = (textOf(body.action) ?? '').toLowerCase();
      const isAlert = !body.incident && Boolean(body.alert);
      const record = body.incident ?? body.alert;
      if (!record) return { ignored: 'neither an incident nor an alert' };
      const id = textOf(record.incidentId ?? record.alertId ?? record.id);
      const team = teamOf(record);
      const openedAt = opsgenieTime(record.createdAt);
      if (!id || !team || openedAt === undefined) {
        return {
          ignored: `${
            isAlert ? 'alert' : 'incident'
          } without an id, a team or createdAt`,
        };
      }
      let resolvedAt: number | string | null | undefined;
      let at: number | string = openedAt;
      if (['close', 'resolve', 'delete'].includes(action)) {
        resolvedAt = opsgenieTime(record.updatedAt) ?? receivedAt;
        at = resolvedAt;
      } else if (action === 'reopen') {
        resolvedAt = null;
        at = opsgenieTime(record.updatedAt) ?? receivedAt;
      } else if (action !== 'create') {
        at = opsgenieTime(record.updatedAt) ?? receivedAt;
      }
      return {
        incidents: [
          {
            id,
            service: { annotation: OPSGENIE_TEAM_ANNOTATION, value: team },
            openedAt,
            resolvedAt,
            severity: textOf(record.priority),
            isAlert: isAlert || undefined,
            url: firstHttpUrl(record.links?.web, record.url),
            title: textOf(record.message),
            at,
          },
        ],
      };
    },
  };
}
