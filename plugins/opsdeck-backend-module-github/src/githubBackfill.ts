import {
  BACKFILL_HTTP_OPTIONS,
  OpsDeckBackfillChange,
  OpsDeckWebhookBackfill,
  OpsDeckWebhookDeployment,
  changesSincePreviousSuccess,
  createProviderHttpClient,
  everyPage,
  textOf,
} from '@opsdeck/backstage-plugin-node';
import { GITHUB_SLUG_ANNOTATION, deploymentStatus } from './githubSource';

const PER_PAGE = '100';
/** Deployments stored per page of records. */
const CHUNK = 25;
/** Most commits read for one deployment (10 compare pages). */
const MAX_COMMITS = 1000;

const list = (body: any): any[] => (Array.isArray(body) ? body : []);

/** A commit of the compare or commits API with its commit time. */
function change(commit: any): OpsDeckBackfillChange | undefined {
  const sha = textOf(commit?.sha);
  const time =
    textOf(commit?.commit?.committer?.date) ??
    textOf(commit?.commit?.author?.date);
  return sha && time ? { sha, time } : undefined;
}

/**
 * Imports deployments and their statuses from GitHub's REST API, every page
 * (`GET /repos/{owner}/{repo}/deployments`, `…/deployments/{id}/statuses`), each status read
 * exactly as a `deployment_status` webhook, so the records are the ones webhooks create — and
 * the commits each successful deployment ships, with their commit times, from the compare API
 * against the previous successful deployment of the same environment
 * (`GET /repos/{owner}/{repo}/compare/{base}...{head}`; the first one: its own commit), so
 * backfilled history has lead times. Calls go through the provider HTTP client: timeouts,
 * retries, GitHub's primary and secondary rate limits waited out.
 *
 * @public
 */
export function createGithubBackfill(options: {
  /**
   * The `Authorization` header for a repository (`owner/name`): a token's, or a GitHub App
   * installation's from Backstage's GitHub credentials provider.
   */
  authorization(repository: string): Promise<string>;
  /** Default `https://api.github.com`; GitHub Enterprise: `https://<host>/api/v3`. */
  baseUrl?: string;
  /** For tests; default the global fetch. */
  fetch?: typeof fetch;
}): OpsDeckWebhookBackfill {
  const baseUrl = options.baseUrl ?? 'https://api.github.com';
  return {
    annotation: GITHUB_SLUG_ANNOTATION,
    async *run({ target, since, signal }) {
      const client = createProviderHttpClient({
        provider: 'GitHub',
        baseUrl,
        authorization: () => options.authorization(target),
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
        },
        ...BACKFILL_HTTP_OPTIONS,
        fetch: options.fetch,
      });
      const repo = `/repos/${target}`;
      // Newest first: the first deployment created before `since` ends the list.
      const found: any[] = [];
      let older = false;
      for await (const page of everyPage(
        client,
        `${repo}/deployments`,
        { per_page: PER_PAGE },
        signal,
      )) {
        for (const d of list(page)) {
          older = Date.parse(d?.created_at) < since.getTime();
          if (older) break;
          if (textOf(d?.id)) found.push(d);
        }
        if (older) break;
      }
      const withStatuses: Array<{ deployment: any; statuses: any[] }> = [];
      for (const deployment of found) {
        const statuses: any[] = [];
        for await (const page of everyPage(
          client,
          `${repo}/deployments/${deployment.id}/statuses`,
          { per_page: PER_PAGE },
          signal,
        ))
          statuses.push(...list(page));
        withStatuses.push({ deployment, statuses });
      }

      const commitsOf = async (base: string | undefined, head: string) => {
        if (!base) {
          const one = change(
            await client
              .getPage(`${repo}/commits/${head}`, {}, signal)
              .then(p => p.body),
          );
          return one ? [one] : [];
        }
        const changes: OpsDeckBackfillChange[] = [];
        for await (const page of everyPage<any>(
          client,
          `${repo}/compare/${base}...${head}`,
          { per_page: PER_PAGE },
          signal,
        )) {
          // The compare API pages its `commits`, oldest first.
          for (const c of list(page?.commits)) {
            const one = change(c);
            if (one) changes.push(one);
          }
          if (changes.length >= MAX_COMMITS) break;
        }
        return changes;
      };
      const described = withStatuses.map(w => ({
        ...w,
        environment: textOf(w.deployment.environment) ?? 'production',
        sha: textOf(w.deployment.sha),
        // Statuses come newest first: the first is the deployment's state now.
        succeeded: w.statuses[0]?.state === 'success',
        order: Date.parse(w.deployment.created_at),
      }));
      const shipped = await changesSincePreviousSuccess(described, commitsOf);

      const repository = { full_name: target };
      let items: OpsDeckWebhookDeployment[] = [];
      let deployments = 0;
      for (const w of described) {
        const changes = shipped.get(w);
        for (const status of w.statuses) {
          for (const item of deploymentStatus({
            deployment_status: status,
            deployment: w.deployment,
            repository,
          }).deployments ?? []) {
            items.push(changes?.length ? { ...item, changes } : item);
          }
        }
        if (++deployments % CHUNK === 0 && items.length) {
          yield { deployments: items };
          items = [];
        }
      }
      if (items.length) yield { deployments: items };
    },
  };
}
