import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  DEFAULT_DORA_GUIDANCE,
  DEFAULT_PLATFORM_DOMAINS,
  DoraGuidance,
  DoraMetricName,
  PlatformDomain,
  PlatformDomainId,
  isPlatformDomainId,
} from '@opsdeck/backstage-plugin-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** A platform domain with where it lives in the catalog. */
export interface DomainHome extends PlatformDomain {
  /** The System (else Group) annotated with the domain: where its section links to. */
  home?: { entityRef: string; title: string };
  /** Its golden paths: scaffolder Templates annotated with the domain. */
  goldenPaths: Array<{ entityRef: string; title: string; path: string }>;
}

/** The domains from `opsdeck.platform.domains` (titles and descriptions over the defaults). */
export function useDomainConfig(): PlatformDomain[] {
  const config = useApi(configApiRef);
  return useMemo(() => {
    const configured = config.getOptionalConfigArray(
      'opsdeck.platform.domains',
    );
    if (!configured) return [...DEFAULT_PLATFORM_DOMAINS];
    return configured.flatMap(c => {
      const id = c.getString('id');
      if (!isPlatformDomainId(id)) return [];
      const fallback = DEFAULT_PLATFORM_DOMAINS.find(d => d.id === id)!;
      return [
        {
          id,
          title: c.getOptionalString('title') ?? fallback.title,
          description:
            c.getOptionalString('description') ?? fallback.description,
        },
      ];
    });
  }, [config]);
}

/** The guidance per metric: `opsdeck.dora.guidance.<metric>` over OpsDeck's defaults. */
export function useDoraGuidance(): Record<DoraMetricName, DoraGuidance> {
  const config = useApi(configApiRef);
  return useMemo(() => {
    const out = { ...DEFAULT_DORA_GUIDANCE };
    for (const name of Object.keys(out) as DoraMetricName[]) {
      const c = config.getOptionalConfig(`opsdeck.dora.guidance.${name}`);
      if (!c) continue;
      out[name] = {
        meaning: c.getOptionalString('meaning') ?? out[name].meaning,
        helps: c.getOptionalString('helps') ?? out[name].helps,
        domains:
          (c.getOptionalStringArray('domains')?.filter(isPlatformDomainId) as
            | PlatformDomainId[]
            | undefined) ?? out[name].domains,
      };
    }
    return out;
  }, [config]);
}

const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;

/**
 * The platform domains with their home in the catalog and their golden paths, in one catalog
 * query as the signed-in user.
 */
export function usePlatformDomains() {
  const catalogApi = useApi(catalogApiRef);
  const domains = useDomainConfig();
  return useAsync(async (): Promise<DomainHome[]> => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: ['System', 'Group', 'Template'],
        [`metadata.annotations.${ANNOTATIONS.platformDomain}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
      ],
    });
    return domains.map(domain => {
      const of = (kind: string) =>
        items.filter(
          e =>
            e.kind === kind &&
            e.metadata.annotations?.[ANNOTATIONS.platformDomain] === domain.id,
        );
      const home = [...of('System'), ...of('Group')][0];
      return {
        ...domain,
        ...(home
          ? {
              home: {
                entityRef: stringifyEntityRef(home),
                title: titleOf(home),
              },
            }
          : {}),
        goldenPaths: of('Template').map(t => ({
          entityRef: stringifyEntityRef(t),
          title: titleOf(t),
          path: `/create/templates/${encodeURIComponent(
            t.metadata.namespace ?? 'default',
          )}/${encodeURIComponent(t.metadata.name)}`,
        })),
      };
    });
  }, [catalogApi, domains]);
}
