import {
  OpsDeckWebhookBackfill,
  OpsDeckWebhookDeployment,
  fetchProviderJson,
  firstHttpUrl,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import { GITLAB_SLUG_ANNOTATION } from './gitlabSource';

const PER_PAGE = 100;
const TERMINAL = ['success', 'failed', 'canceled'];

/**
 * Imports deployments from GitLab's REST API (`GET /projects/:id/deployments`, updated since
 * the start, newest first), as the same records deployment webhooks create (id =
 * `deployment_id`).
 *
 * @public
 */
export function createGitlabBackfill(options: {
  token: string;
  /** Default `https://gitlab.com`. */
  baseUrl?: string;
}): OpsDeckWebhookBackfill {
  const base = (options.baseUrl ?? 'https://gitlab.com').replace(/\/$/, '');
  const headers = { 'PRIVATE-TOKEN': options.token };
  return {
    annotation: GITLAB_SLUG_ANNOTATION,
    async *run({ target, since, signal }) {
      for (let page = 1; ; page++) {
        const { body, headers: answer } = await fetchProviderJson(
          `${base}/api/v4/projects/${encodeURIComponent(target)}/deployments` +
            `?updated_after=${since.toISOString()}&order_by=updated_at&sort=desc` +
            `&per_page=${PER_PAGE}&page=${page}`,
          { headers, signal },
        );
        const items: OpsDeckWebhookDeployment[] = (body as any[])
          .filter(d => textOf(d?.id) && textOf(d?.status))
          .map(d => {
            const terminal = TERMINAL.includes(d.status);
            const finishedAt =
              textOf(d.finished_at) ??
              textOf(d.deployable?.finished_at) ??
              textOf(d.updated_at);
            return {
              id: String(d.id),
              service: { annotation: GITLAB_SLUG_ANNOTATION, value: target },
              environment: textOf(d.environment?.name) ?? 'production',
              status: d.status,
              startedAt: textOf(d.created_at),
              finishedAt: terminal ? finishedAt : undefined,
              commit: textOf(d.sha) ? { sha: d.sha } : undefined,
              url: firstHttpUrl(d.deployable?.web_url),
              title: textOf(d.deployable?.commit?.title),
              at: textOf(d.updated_at),
            };
          });
        if (items.length) yield { deployments: items };
        if (!answer.get('x-next-page') || (body as any[]).length < PER_PAGE) {
          return;
        }
      }
    },
  };
}
