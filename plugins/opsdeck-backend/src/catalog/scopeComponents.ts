import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScopeRef } from '@opsdeck/backstage-plugin-common';
import { relationTargets } from './entities';
import { readEntityAsCaller } from './readEntity';

/** A team (optionally with its child teams) or the whole organisation, as a route names it. */
export type ScopeQuery =
  | { type: 'group'; namespace: string; name: string; includeChildren: boolean }
  | { type: 'org' };

/** Deepest group tree walked for `includeChildren`. */
const MAX_DEPTH = 10;

/**
 * The Components a scope holds under current ownership, read with the caller's credentials
 * (so catalog permissions apply): what a group owns (and, with `includeChildren`, what its
 * descendants own), or every Component for the organisation. A missing group is a 404.
 *
 * @internal
 */
export async function scopeComponents(
  catalog: CatalogService,
  query: ScopeQuery,
  credentials: BackstageCredentials,
): Promise<{ scope: ScopeRef; components: Entity[] }> {
  if (query.type === 'org') {
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials },
    );
    return { scope: { type: 'org' }, components: sortByRef(items) };
  }
  const { entity: group, entityRef } = await readEntityAsCaller(
    catalog,
    { kind: 'group', namespace: query.namespace, name: query.name },
    credentials,
  );
  const groupRefs = new Set([entityRef]);
  let level = [group];
  for (let depth = 0; query.includeChildren && depth < MAX_DEPTH; depth++) {
    const children = level
      .flatMap(g => relationTargets(g, 'parentOf', 'group'))
      .filter(ref => !groupRefs.has(ref));
    if (children.length === 0) break;
    children.forEach(ref => groupRefs.add(ref));
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: children },
      { credentials },
    );
    level = items.filter((e): e is Entity => Boolean(e));
  }
  const { items } = await catalog.getEntities(
    { filter: { kind: 'Component', 'relations.ownedBy': [...groupRefs] } },
    { credentials },
  );
  return {
    scope: {
      type: 'group',
      entityRef,
      includeChildren: query.includeChildren,
    },
    components: sortByRef(items),
  };
}

function sortByRef(entities: Entity[]): Entity[] {
  return entities
    .map(entity => ({ entity, ref: stringifyEntityRef(entity) }))
    .sort((a, b) => a.ref.localeCompare(b.ref))
    .map(e => e.entity);
}
