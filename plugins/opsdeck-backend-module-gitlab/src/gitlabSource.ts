import { AuthenticationError } from '@backstage/errors';
import {
  deliveryIdOfBody,
  OpsDeckWebhookBackfill,
  OpsDeckWebhookNormalized,
  OpsDeckWebhookSettings,
  OpsDeckWebhookSource,
  firstHttpUrl,
  parseWebhookJson,
  sharedSecretMatches,
  standardWebhookMatches,
  textOf,
  webhookHeader,
} from '@opsdeck/backstage-plugin-node';

/** The annotation that maps a project to its catalog entity (`group/project`). */
export const GITLAB_SLUG_ANNOTATION = 'gitlab.com/project-slug';

/**
 * GitLab's `status_changed_at` is `2021-04-28 21:50:00 +0200`; ISO 8601 it is
 * `2021-04-28T21:50:00+02:00`. ISO input passes through.
 */
export function gitlabTime(value: unknown): string | undefined {
  const text = textOf(value);
  if (!text) return undefined;
  const m =
    /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (m) return `${m[1]}T${m[2]}${m[3]}${m[4]}:${m[5]}`;
  const utc = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(text);
  return utc ? `${utc[1]}T${utc[2]}Z` : text;
}

function project(payload: any) {
  return textOf(payload.project?.path_with_namespace);
}

function deployment(payload: any): OpsDeckWebhookNormalized {
  const slug = project(payload);
  const id = textOf(payload.deployment_id);
  const status = textOf(payload.status);
  if (!slug || !id || !status) {
    return {
      ignored:
        'deployment event without project.path_with_namespace, deployment_id or status',
    };
  }
  const at = gitlabTime(payload.status_changed_at);
  // The hook carries the short SHA; the full one is the last segment of commit_url.
  const sha =
    /\/commit\/([0-9a-f]{40,64})$/i.exec(
      textOf(payload.commit_url) ?? '',
    )?.[1] ?? textOf(payload.short_sha);
  const terminal = ['success', 'failed', 'canceled'].includes(status);
  return {
    deployments: [
      {
        id,
        service: { annotation: GITLAB_SLUG_ANNOTATION, value: slug },
        environment: textOf(payload.environment) ?? 'production',
        status,
        finishedAt: terminal ? at : undefined,
        commit: sha ? { sha } : undefined,
        url: firstHttpUrl(payload.deployable_url, payload.project?.web_url),
        title: textOf(payload.commit_title),
        at,
      },
    ],
  };
}

function push(payload: any): OpsDeckWebhookNormalized {
  const slug = project(payload);
  const ref = textOf(payload.ref) ?? '';
  if (!slug) return { ignored: 'push without project.path_with_namespace' };
  if (!ref.startsWith('refs/heads/')) {
    return { ignored: `push to ${ref || 'an unknown ref'} (only branches)` };
  }
  if (/^0+$/.test(textOf(payload.after) ?? '')) {
    return { ignored: `push deleting ${ref}` };
  }
  const commits: any[] = Array.isArray(payload.commits) ? payload.commits : [];
  return {
    pushes: [
      {
        repository: { annotation: GITLAB_SLUG_ANNOTATION, value: slug },
        before: payload.before,
        after: payload.after,
        commits: commits
          .filter(c => textOf(c?.id) && textOf(c?.timestamp))
          .map(c => ({ sha: c.id, time: c.timestamp })),
      },
    ],
  };
}

/** GitLab's id of a delivery, the same on a retry. */
function deliveryIdOf(headers: Record<string, string | string[] | undefined>) {
  return (
    webhookHeader(headers, 'idempotency-key') ??
    webhookHeader(headers, 'x-gitlab-event-uuid') ??
    webhookHeader(headers, 'webhook-id')
  );
}

/**
 * The GitLab webhook source: checks `X-Gitlab-Token` against the configured secrets (constant
 * time) and, when `signingSecrets` are configured, the Standard Webhooks signature
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`, 5-minute tolerance); dedupes on
 * `Idempotency-Key`; reads deployment and push events — on its own route, and from the topics
 * `gitlab.deployment` and `gitlab.push` that Backstage's GitLab events module publishes (with
 * `readEventsTopics`).
 *
 * @public
 */
export function createGitlabWebhookSource(
  settings: OpsDeckWebhookSettings & { signingSecrets?: string[] },
  backfill?: OpsDeckWebhookBackfill,
  options: {
    /** Read the events topics: only when their publisher checks the token. Default false. */
    readEventsTopics?: boolean;
  } = {},
): OpsDeckWebhookSource {
  const signingSecrets = settings.signingSecrets ?? [];
  return {
    id: 'gitlab',
    backfill,
    events: options.readEventsTopics
      ? {
          topics: ['gitlab.deployment', 'gitlab.push'],
          request({ metadata }) {
            const headers = { ...metadata, 'content-type': 'application/json' };
            return { headers, deliveryId: deliveryIdOf(headers) };
          },
        }
      : undefined,
    async verify({ headers, rawBody }) {
      if (!settings.secrets.length && !signingSecrets.length) {
        throw new AuthenticationError(
          'OpsDeck has no secret for gitlab webhooks; set opsdeck.webhooks.gitlab.secrets (or signingSecrets)',
        );
      }
      if (
        settings.secrets.length &&
        !sharedSecretMatches(
          settings.secrets,
          webhookHeader(headers, 'x-gitlab-token'),
        )
      ) {
        throw new AuthenticationError(
          'X-Gitlab-Token is missing or matches no configured secret',
        );
      }
      if (
        signingSecrets.length &&
        !standardWebhookMatches({
          secrets: signingSecrets,
          rawBody,
          id: webhookHeader(headers, 'webhook-id'),
          timestamp: webhookHeader(headers, 'webhook-timestamp'),
          signature: webhookHeader(headers, 'webhook-signature'),
        })
      ) {
        throw new AuthenticationError(
          'webhook-signature is missing, stale or matches no configured signing secret',
        );
      }
      return { deliveryId: deliveryIdOf(headers) ?? deliveryIdOfBody(rawBody) };
    },
    normalize({ rawBody }) {
      const payload = parseWebhookJson(rawBody);
      const kind = textOf(payload?.object_kind);
      if (kind === 'deployment') return deployment(payload);
      if (kind === 'push') return push(payload);
      return {
        ignored: `object_kind '${
          kind ?? 'unknown'
        }' is not used; send deployment and push events`,
      };
    },
  };
}
