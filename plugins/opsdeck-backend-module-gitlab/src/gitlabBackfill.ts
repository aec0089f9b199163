import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  BACKFILL_HTTP_OPTIONS,
  OpsDeckBackfillChange,
  OpsDeckWebhookBackfill,
  OpsDeckWebhookDeployment,
  ProviderHttpClient,
  changesSincePreviousSuccess,
  createProviderHttpClient,
  everyPage,
  firstHttpUrl,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import { GITLAB_SLUG_ANNOTATION } from './gitlabSource';

const TERMINAL = ['success', 'failed', 'canceled'];
/** Deployments stored per page of records. */
const CHUNK = 100;

const list = (body: any): any[] => (Array.isArray(body) ? body : []);

/** A commit of the compare or commits API with its commit time. */
function change(commit: any): OpsDeckBackfillChange | undefined {
  const sha = textOf(commit?.id);
  const time = textOf(commit?.committed_date) ?? textOf(commit?.authored_date);
  return sha && time ? { sha, time } : undefined;
}

/** `https://gitlab.example.com` or `…/api/v4` → the REST API's base. */
const apiBase = (url: string) =>
  /\/api\/v4\/?$/.test(url)
    ? url.replace(/\/$/, '')
    : `${url.replace(/\/$/, '')}/api/v4`;

/**
 * Imports deployments from GitLab's REST API (`GET /projects/:id/deployments`, updated since
 * the start, every page), as the same records deployment webhooks create (id =
 * `deployment_id`), with the commits each successful deployment ships and their commit times
 * (`GET /projects/:id/repository/compare` against the previous successful deployment of the
 * same environment; the first one: its own commit) — so backfilled history has lead times.
 * Calls go through the provider HTTP client (timeouts, retries, rate limits waited out).
 *
 * @public
 */
export function createGitlabBackfill(options: {
  token: string;
  /** Default `https://gitlab.com` (or its `/api/v4`). */
  baseUrl?: string;
  /** For tests; default the global fetch. */
  fetch?: typeof fetch;
}): OpsDeckWebhookBackfill {
  const baseUrl = apiBase(options.baseUrl ?? 'https://gitlab.com');
  return {
    annotation: GITLAB_SLUG_ANNOTATION,
    async *run({ target, since, signal }) {
      const client: ProviderHttpClient = createProviderHttpClient({
        provider: 'GitLab',
        baseUrl,
        authorization: async () => `Bearer ${options.token}`,
        ...BACKFILL_HTTP_OPTIONS,
        fetch: options.fetch,
      });
      const project = `/projects/${encodeURIComponent(target)}`;
      const found: any[] = [];
      for await (const page of everyPage(
        client,
        `${project}/deployments`,
        {
          updated_after: since.toISOString(),
          order_by: 'updated_at',
          sort: 'desc',
          per_page: '100',
        },
        signal,
      )) {
        found.push(
          ...list(page).filter(d => textOf(d?.id) && textOf(d?.status)),
        );
      }

      const described = found.map(d => ({
        d,
        environment: textOf(d.environment?.name) ?? 'production',
        sha: textOf(d.sha),
        succeeded: d.status === 'success',
        order: Date.parse(d.created_at),
      }));
      const shipped = await changesSincePreviousSuccess(
        described,
        async (base, head) => {
          if (!base) {
            const one = change(
              (
                await client.getPage(
                  `${project}/repository/commits/${head}`,
                  {},
                  signal,
                )
              ).body,
            );
            return one ? [one] : [];
          }
          const { body } = await client.getPage<any>(
            `${project}/repository/compare`,
            { from: base, to: head },
            signal,
          );
          return list(body?.commits).flatMap(c => change(c) ?? []);
        },
      );

      let items: OpsDeckWebhookDeployment[] = [];
      for (const one of described) {
        const { d } = one;
        const terminal = TERMINAL.includes(d.status);
        const finishedAt =
          textOf(d.finished_at) ??
          textOf(d.deployable?.finished_at) ??
          textOf(d.updated_at);
        const changes = shipped.get(one);
        items.push({
          id: String(d.id),
          service: { annotation: GITLAB_SLUG_ANNOTATION, value: target },
          environment: one.environment,
          status: d.status,
          startedAt: textOf(d.created_at),
          finishedAt: terminal ? finishedAt : undefined,
          commit: one.sha ? { sha: one.sha } : undefined,
          ...(changes?.length ? { changes } : {}),
          url: firstHttpUrl(d.deployable?.web_url),
          title: textOf(d.deployable?.commit?.title),
          at: textOf(d.updated_at),
        });
        if (items.length === CHUNK) {
          yield { deployments: items };
          items = [];
        }
      }
      if (items.length) yield { deployments: items };
    },
  };
}

/**
 * The GitLab backfill's credentials: Backstage's `integrations.gitlab` (its `token` and
 * `apiBaseUrl`) for the host `opsdeck.webhooks.gitlab.host` (default `gitlab.com`), or — the old
 * place, with a deprecation warning — `opsdeck.webhooks.gitlab.{token, apiBaseUrl}`.
 *
 * @public
 */
export function gitlabBackfillCredentials(options: {
  rootConfig: Config;
  logger: LoggerService;
  token?: string;
  baseUrl?: string;
}): { token: string; baseUrl?: string } | undefined {
  const { rootConfig, logger, token, baseUrl } = options;
  if (token) {
    logger.warn(
      'opsdeck.webhooks.gitlab.token is deprecated: OpsDeck reads integrations.gitlab, as the rest of Backstage does; the old key keeps working',
    );
    return { token, baseUrl };
  }
  const host =
    rootConfig.getOptionalString('opsdeck.webhooks.gitlab.host') ??
    'gitlab.com';
  const integration =
    ScmIntegrations.fromConfig(rootConfig).gitlab.byHost(host);
  const fromIntegration = integration?.config.token;
  return fromIntegration
    ? {
        token: fromIntegration,
        baseUrl: baseUrl ?? integration.config.apiBaseUrl,
      }
    : undefined;
}
