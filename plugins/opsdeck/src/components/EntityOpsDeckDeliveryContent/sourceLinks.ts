import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  ProvenanceItem,
  toSafeHttpUrl,
} from '@opsdeck/backstage-plugin-common';

/** Where a service's code lives, as its annotations say: enough to link a commit or a PR. */
export interface Repository {
  host: 'github' | 'gitlab';
  /** `https://github.com/acme/shop`, `https://gitlab.com/acme/billing/invoices`. */
  base: string;
}

// owner/repo on GitHub; group/subgroup/…/project on GitLab. Nothing that could leave the path.
const SLUG = /^[\w.-]+(\/[\w.-]+)+$/;
const SHA = /^[0-9a-f]{7,64}$/i;
// A host name (optionally with a port): nothing that could change the URL's path or scheme.
const HOST =
  /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/** The service's repository from `github.com/project-slug` or `gitlab.com/project-slug`. */
export function repositoryOf(
  entity: Entity | undefined,
): Repository | undefined {
  const annotations = entity?.metadata.annotations ?? {};
  const github = annotations[ANNOTATIONS.githubProjectSlug]?.trim();
  if (github && SLUG.test(github) && !github.includes('..')) {
    return { host: 'github', base: `https://github.com/${github}` };
  }
  const gitlab = annotations[ANNOTATIONS.gitlabProjectSlug]?.trim();
  if (gitlab && SLUG.test(gitlab) && !gitlab.includes('..')) {
    // A self-managed GitLab names its host in `gitlab.com/instance` (as the GitLab plugins read it).
    const instance = annotations['gitlab.com/instance']?.trim();
    const host = instance && HOST.test(instance) ? instance : 'gitlab.com';
    return { host: 'gitlab', base: `https://${host}/${gitlab}` };
  }
  return undefined;
}

/**
 * The commit a deployment put in production: its `commit`, else the newest of the changes it
 * shipped (the record keeps one or the other).
 */
export function deployedSha(item: ProvenanceItem): string | undefined {
  const detail = item.detail as {
    commit?: { sha?: unknown };
    changes?: Array<{ sha?: unknown; time?: unknown }>;
  };
  const sha = detail.commit?.sha;
  if (typeof sha === 'string' && SHA.test(sha)) return sha;
  const newest = [...(Array.isArray(detail.changes) ? detail.changes : [])]
    .filter(c => typeof c?.sha === 'string' && SHA.test(c.sha))
    .sort((a, b) => Number(b.time ?? 0) - Number(a.time ?? 0))[0];
  return newest?.sha as string | undefined;
}

/** The commit's page, or undefined when the repository is unknown or the SHA is not one. */
export function commitUrl(
  repo: Repository | undefined,
  sha: string | undefined,
): string | undefined {
  if (!repo || !sha || !SHA.test(sha)) return undefined;
  const path = repo.host === 'github' ? 'commit' : '-/commit';
  return toSafeHttpUrl(`${repo.base}/${path}/${sha}`);
}

/**
 * The pull (merge) request a deployment's title names — `#123` on GitHub, `!123` on GitLab, as
 * squash and merge commits write them — with its page when the repository is known.
 */
export function pullRequestOf(
  item: ProvenanceItem,
  repo: Repository | undefined,
): { label: string; url?: string } | undefined {
  if (!repo || typeof item.title !== 'string') return undefined;
  const marker = repo.host === 'github' ? '#' : '!';
  const match = item.title.match(
    repo.host === 'github'
      ? /(?:^|[\s(])#(\d{1,9})\b/
      : /(?:^|[\s(])!(\d{1,9})\b/,
  );
  if (!match) return undefined;
  const path = repo.host === 'github' ? 'pull' : '-/merge_requests';
  return {
    label: `${marker}${match[1]}`,
    url: toSafeHttpUrl(`${repo.base}/${path}/${match[1]}`),
  };
}
