import {
  OpsDeckWebhookBackfill,
  OpsDeckWebhookDeployment,
  fetchProviderJson,
} from '@opsdeck/backstage-plugin-node';
import { GITHUB_SLUG_ANNOTATION, deploymentStatus } from './githubSource';

const PER_PAGE = 100;

/**
 * Imports deployments and their statuses from GitHub's REST API
 * (`GET /repos/{owner}/{repo}/deployments`, `…/deployments/{id}/statuses`), each status read
 * exactly as a `deployment_status` webhook, so the records are the ones webhooks create.
 *
 * @public
 */
export function createGithubBackfill(options: {
  token: string;
  /** Default `https://api.github.com`; GitHub Enterprise: `https://<host>/api/v3`. */
  baseUrl?: string;
}): OpsDeckWebhookBackfill {
  const base = (options.baseUrl ?? 'https://api.github.com').replace(/\/$/, '');
  const headers = {
    Authorization: `Bearer ${options.token}`,
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
  };
  return {
    annotation: GITHUB_SLUG_ANNOTATION,
    async *run({ target, since, signal }) {
      const repository = { full_name: target };
      for (let page = 1; ; page++) {
        const { body: deployments } = await fetchProviderJson(
          `${base}/repos/${target}/deployments?per_page=${PER_PAGE}&page=${page}`,
          { headers, signal },
        );
        const recent = (deployments as any[]).filter(
          d => Date.parse(d.created_at) >= since.getTime(),
        );
        const items: OpsDeckWebhookDeployment[] = [];
        for (const deployment of recent) {
          const { body: statuses } = await fetchProviderJson(
            `${base}/repos/${target}/deployments/${deployment.id}/statuses?per_page=${PER_PAGE}`,
            { headers, signal },
          );
          for (const status of statuses as any[]) {
            items.push(
              ...(deploymentStatus({
                deployment_status: status,
                deployment,
                repository,
              }).deployments ?? []),
            );
          }
        }
        if (items.length) yield { deployments: items };
        // Newest first: a page reaching past `since`, or a short page, is the last.
        if (
          recent.length < (deployments as any[]).length ||
          (deployments as any[]).length < PER_PAGE
        ) {
          return;
        }
      }
    },
  };
}
