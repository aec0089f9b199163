import { Config } from '@backstage/config';
import { AuthenticationError } from '@backstage/errors';
import { verifyWithFallback } from '@octokit/webhooks-methods';
import {
  exactUtf8,
  OpsDeckWebhookBackfill,
  OpsDeckWebhookNormalized,
  OpsDeckWebhookSettings,
  OpsDeckWebhookSource,
  OpsDeckWebhookSourceEvents,
  firstHttpUrl,
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

/** The events OpsDeck reads; anything else is stored quarantined with the reason. */
const USED_EVENTS = ['deployment_status', 'push'];

/**
 * Checks `X-Hub-Signature-256` with GitHub's own library (`@octokit/webhooks-methods`, as
 * Backstage's GitHub events module does): HMAC-SHA256 over the body, compared in constant time,
 * against each configured secret. The library signs the body as a string, so the bytes must be
 * exactly UTF-8 (GitHub sends UTF-8 JSON).
 */
async function requireGithubSignature(
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  secrets: readonly string[],
) {
  const signature = requireWebhookHeader(headers, 'x-hub-signature-256');
  const body = exactUtf8(rawBody);
  const [first, ...others] = secrets;
  const matches =
    signature.startsWith('sha256=') &&
    body !== undefined &&
    body.length > 0 &&
    (await verifyWithFallback(first, body, signature, others));
  if (!matches) {
    throw new AuthenticationError(
      'X-Hub-Signature-256 does not match the body for any configured secret',
    );
  }
}

/** Deliveries from the topics Backstage's GitHub events module publishes. */
const githubEvents: OpsDeckWebhookSourceEvents = {
  topics: USED_EVENTS.map(event => `github.${event}`),
  request({ topic, metadata }) {
    // The events module already parsed the body (also a form-encoded one): it is stored
    // as JSON. A bus between replicas drops the headers; the topic still names the event.
    const headers = {
      ...metadata,
      'x-github-event':
        webhookHeader(metadata ?? {}, 'x-github-event') ??
        topic.slice('github.'.length),
      'content-type': 'application/json',
    };
    return {
      headers,
      deliveryId: webhookHeader(headers, 'x-github-delivery'),
    };
  },
};

/**
 * Whether Backstage's GitHub events module checks signatures: it does only with
 * `events.modules.github.webhookSecret` or a GitHub App's `webhookSecret` under
 * `integrations.github`; without either it publishes whatever is posted to it.
 *
 * @public
 */
export function githubEventsAreChecked(rootConfig: Config): boolean {
  const appSecret = (
    rootConfig.getOptionalConfigArray('integrations.github') ?? []
  )
    .flatMap(i => i.getOptionalConfigArray('apps') ?? [])
    .some(app => Boolean(app.getOptionalString('webhookSecret')));
  return (
    appSecret ||
    Boolean(rootConfig.getOptionalString('events.modules.github.webhookSecret'))
  );
}

/**
 * The GitHub webhook source: checks `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with
 * any configured secret), dedupes on `X-GitHub-Delivery`, reads `deployment_status` and `push`
 * — on its own route, and (with `readEventsTopics`) from the topics `github.deployment_status`
 * and `github.push` that Backstage's GitHub events module publishes.
 *
 * @public
 */
export function createGithubWebhookSource(
  settings: OpsDeckWebhookSettings,
  backfill?: OpsDeckWebhookBackfill,
  options: {
    /** Read the events topics: only when their publisher checks signatures. Default false. */
    readEventsTopics?: boolean;
  } = {},
): OpsDeckWebhookSource {
  return {
    id: 'github',
    backfill,
    events: options.readEventsTopics ? githubEvents : undefined,
    async verify({ headers, rawBody }) {
      requireSecrets(settings, 'github');
      await requireGithubSignature(headers, rawBody, settings.secrets);
      return {
        deliveryId: requireWebhookHeader(headers, 'x-github-delivery'),
      };
    },
    normalize({ headers, rawBody }) {
      const event = webhookHeader(headers, 'x-github-event') ?? '';
      if (event === 'ping') return { ignored: 'ping: the hook works' };
      if (!USED_EVENTS.includes(event)) {
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
