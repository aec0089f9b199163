import {
  OpsDeckWebhookBackfill,
  OpsDeckWebhookNormalized,
  OpsDeckWebhookSettings,
  OpsDeckWebhookSource,
  firstHttpUrl,
  requireHmacSignature,
  parseWebhookJson,
  requireSecrets,
  requireWebhookHeader,
  textOf,
  webhookHeader,
} from '@opsdeck/backstage-plugin-node';

/** The annotation that maps a repository to its catalog entity. */
export const GITHUB_SLUG_ANNOTATION = 'github.com/project-slug';

/** A `deployment_status` payload (or the same objects from the REST API) as a deployment update. */
export function deploymentStatus(payload: any): OpsDeckWebhookNormalized {
  const status = payload.deployment_status ?? {};
  const deployment = payload.deployment ?? {};
  const repository = textOf(payload.repository?.full_name);
  const id = textOf(deployment.id);
  const state = textOf(status.state);
  if (!repository || !id || !state) {
    return {
      ignored:
        'deployment_status without repository.full_name, deployment.id or deployment_status.state',
    };
  }
  const terminal = ['success', 'failure', 'error'].includes(state);
  return {
    deployments: [
      {
        id,
        service: { annotation: GITHUB_SLUG_ANNOTATION, value: repository },
        environment:
          textOf(status.environment) ??
          textOf(deployment.environment) ??
          'production',
        status: state,
        startedAt: textOf(deployment.created_at),
        finishedAt: terminal ? textOf(status.created_at) : undefined,
        commit: textOf(deployment.sha) ? { sha: deployment.sha } : undefined,
        url: firstHttpUrl(
          status.log_url,
          status.target_url,
          status.environment_url,
          payload.repository?.html_url &&
            `${payload.repository.html_url}/deployments`,
        ),
        title: `${repository} ${textOf(deployment.ref) ?? ''}`.trim(),
        at: textOf(status.created_at) ?? textOf(status.updated_at),
      },
    ],
  };
}

/** A `push` to a branch as a push OpsDeck can walk. */
function push(payload: any): OpsDeckWebhookNormalized {
  const repository = textOf(payload.repository?.full_name);
  const ref = textOf(payload.ref) ?? '';
  if (!repository) return { ignored: 'push without repository.full_name' };
  if (!ref.startsWith('refs/heads/')) {
    return { ignored: `push to ${ref || 'an unknown ref'} (only branches)` };
  }
  if (payload.deleted) return { ignored: `push deleting ${ref}` };
  const commits: any[] = Array.isArray(payload.commits) ? payload.commits : [];
  if (!commits.length && payload.head_commit) commits.push(payload.head_commit);
  return {
    pushes: [
      {
        repository: { annotation: GITHUB_SLUG_ANNOTATION, value: repository },
        before: payload.before,
        after: payload.after,
        forced: Boolean(payload.forced),
        // GitHub's `timestamp` is the commit's date as the source reports it.
        commits: commits
          .filter(c => textOf(c?.id) && textOf(c?.timestamp))
          .map(c => ({ sha: c.id, time: c.timestamp })),
      },
    ],
  };
}

/**
 * The GitHub webhook source: checks `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with
 * any configured secret), dedupes on `X-GitHub-Delivery`, reads `deployment_status` and `push`.
 *
 * @public
 */
export function createGithubWebhookSource(
  settings: OpsDeckWebhookSettings,
  backfill?: OpsDeckWebhookBackfill,
): OpsDeckWebhookSource {
  return {
    id: 'github',
    backfill,
    async verify({ headers, rawBody }) {
      requireSecrets(settings, 'github');
      requireHmacSignature({
        headers,
        rawBody,
        header: 'X-Hub-Signature-256',
        prefix: 'sha256=',
        secrets: settings.secrets,
      });
      return {
        deliveryId: requireWebhookHeader(headers, 'x-github-delivery'),
      };
    },
    normalize({ headers, rawBody }) {
      const event = webhookHeader(headers, 'x-github-event') ?? '';
      if (event === 'ping') return { ignored: 'ping: the hook works' };
      if (event !== 'deployment_status' && event !== 'push') {
        return {
          ignored: `event '${event}' is not used; send deployment_status and push`,
        };
      }
      // GitHub can also send the JSON form-encoded, as `payload=`.
      const form = /^application\/x-www-form-urlencoded/i.test(
        webhookHeader(headers, 'content-type') ?? '',
      );
      const payload = parseWebhookJson(
        form
          ? Buffer.from(
              new URLSearchParams(rawBody.toString('utf8')).get('payload') ??
                '',
            )
          : rawBody,
      );
      return event === 'push' ? push(payload) : deploymentStatus(payload);
    },
  };
}
