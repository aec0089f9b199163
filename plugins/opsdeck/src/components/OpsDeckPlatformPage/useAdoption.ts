import {
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DAY_MS,
  isoWeekBuckets,
  startOfUtcDay,
} from '@opsdeck/backstage-plugin-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DomainHome } from '../../hooks/usePlatformDomains';

/** An entity created from a golden path: what it is called and which team owns it. */
export interface Adopter {
  title: string;
  owner?: string;
}

/**
 * The entities created from the golden paths on the page (as `backstage.io/source-template`
 * names them), with their titles and owners: one catalog call for all of them.
 */
export function useAdopters(domains: DomainHome[] | undefined) {
  const catalogApi = useApi(catalogApiRef);
  const refs = useMemo(
    () => [
      ...new Set(
        (domains ?? []).flatMap(d =>
          d.goldenPaths.flatMap(p => p.adoption.entities),
        ),
      ),
    ],
    [domains],
  );
  return useAsync(async () => {
    const adopters = new Map<string, Adopter>();
    if (refs.length === 0) return adopters;
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'relations',
      ],
    });
    refs.forEach((ref, i) => {
      const entity = items[i];
      const owner = entity?.relations?.find(
        r => r.type === RELATION_OWNED_BY,
      )?.targetRef;
      adopters.set(ref, {
        title: entity?.metadata.title ?? parseEntityRef(ref).name,
        ...(owner ? { owner } : {}),
      });
    });
    return adopters;
  }, [catalogApi, refs]);
}

/** How many weeks the runs trend shows. */
export const RUN_WEEKS = 12;

/** A scaffolder task as `GET /v2/tasks` lists it (the fields read here). */
interface ScaffolderTask {
  id: string;
  status: string;
  createdAt: string;
  spec?: { templateInfo?: { entityRef?: string } };
}

/** A template ref as the catalog writes it, for comparing: `template:default/new-service`. */
export function normalizeTemplateRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'template',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** The last {@link RUN_WEEKS} ISO weeks up to now (Monday 00:00 UTC), the current one last. */
export function runWeeks(now = Date.now()) {
  const today = startOfUtcDay(now);
  const day = today / DAY_MS;
  const monday = (day - ((day + 3) % 7)) * DAY_MS;
  return isoWeekBuckets({
    from: monday - (RUN_WEEKS - 1) * 7 * DAY_MS,
    to: today + DAY_MS,
  });
}

const PAGE = 100;
/** Enough for busy portals; older history is not read. */
const MAX_PAGES = 20;

/**
 * Completed runs per template and ISO week over the last {@link RUN_WEEKS} weeks, from the
 * scaffolder's task history (`GET /api/scaffolder/v2/tasks`, newest first, as the signed-in user
 * may read it). The catalog keeps no creation times, so this counts runs, not entities.
 */
export function useScaffolderRuns() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useAsync(async () => {
    const weeks = runWeeks();
    const from = weeks[0].from;
    const base = await discoveryApi.getBaseUrl('scaffolder');
    const counts = new Map<string, number[]>();
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({
        status: 'completed',
        order: 'desc:created_at',
        limit: String(PAGE),
        offset: String(page * PAGE),
      });
      const response = await fetchApi.fetch(`${base}/v2/tasks?${query}`);
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const { tasks } = (await response.json()) as { tasks: ScaffolderTask[] };
      let older = false;
      for (const task of tasks) {
        const at = Date.parse(task.createdAt);
        if (at < from) older = true;
        const template = task.spec?.templateInfo?.entityRef;
        if (task.status !== 'completed' || !template) continue;
        const week = weeks.findIndex(w => at >= w.from && at < w.to);
        const ref = normalizeTemplateRef(template);
        if (week < 0 || !ref) continue;
        const perWeek = counts.get(ref) ?? new Array(weeks.length).fill(0);
        perWeek[week] += 1;
        counts.set(ref, perWeek);
      }
      if (older || tasks.length < PAGE) break;
    }
    return { weeks: weeks.map(w => w.weekStart), counts };
  }, [discoveryApi, fetchApi]);
}
