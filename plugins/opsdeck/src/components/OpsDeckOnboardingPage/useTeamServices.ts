import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * The Components the reader's teams own, read from the catalog in the browser (with the
 * annotations and links their pipeline, dashboard and runbook links are made from).
 *
 * @internal
 */
export function useTeamServices(teamRefs: readonly string[]) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<Entity[]> => {
    if (!teamRefs.length) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component', 'relations.ownedBy': [...teamRefs] },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
        'metadata.links',
      ],
    });
    const title = (e: Entity) => e.metadata.title ?? e.metadata.name;
    return [...items].sort((a, b) => title(a).localeCompare(title(b)));
  }, [catalogApi, teamRefs.join(',')]);
}
