import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { pushTo } from '../collections';
import { annotationIdentity } from '../store/DatabaseEntityIndexStore';
import { relationTargets } from '../catalog/entities';

/**
 * The mapped annotations an entity carries, trimmed, empty ones left out.
 *
 * @internal
 */
export function mappedAnnotationsOf(
  entity: Entity,
  mappedAnnotations: readonly string[],
): Array<{ key: string; value: string }> {
  const annotations = entity.metadata.annotations ?? {};
  return mappedAnnotations.flatMap(key => {
    const value = annotations[key]?.trim();
    return value ? [{ key, value }] : [];
  });
}

/**
 * Which rollup units each group/org scope holds, under current ownership: `group:<ref>` — the
 * Components the group owns; `tree:<ref>` — the same for the group and all its descendants;
 * `org` — every Component. Each Component brings itself and the identities it shares with
 * other Components (`shared:<identity>`), so a shared record counts once in a scope.
 *
 * @internal
 */
export function scopeMembership(
  components: readonly Entity[],
  groups: readonly Entity[],
  mappedAnnotations: readonly string[],
): Map<string, Set<string>> {
  // An identity several Components share is its own rollup unit, so it counts once in a scope.
  const sharers = new Map<string, number>();
  for (const component of components)
    for (const { key, value } of mappedAnnotationsOf(
      component,
      mappedAnnotations,
    )) {
      const identity = annotationIdentity(key, value);
      sharers.set(identity, (sharers.get(identity) ?? 0) + 1);
    }
  const scopes = new Map<string, Set<string>>();
  const add = (scope: string, services: readonly string[]) => {
    const set = scopes.get(scope) ?? new Set<string>();
    services.forEach(s => set.add(s));
    scopes.set(scope, set);
  };
  const owned = new Map<string, string[]>();
  for (const component of components) {
    const services = [
      stringifyEntityRef(component),
      ...mappedAnnotationsOf(component, mappedAnnotations)
        .map(a => annotationIdentity(a.key, a.value))
        .filter(identity => sharers.get(identity)! > 1)
        .map(identity => `shared:${identity}`),
    ];
    add('org', services);
    for (const owner of relationTargets(component, RELATION_OWNED_BY)) {
      pushTo(owned, owner, ...services);
    }
  }
  const children = new Map<string, string[]>();
  const groupRefs = groups.map(g => stringifyEntityRef(g));
  for (const group of groups) {
    for (const parent of relationTargets(group, RELATION_CHILD_OF)) {
      pushTo(children, parent, stringifyEntityRef(group));
    }
  }
  for (const ref of groupRefs) {
    add(`group:${ref}`, owned.get(ref) ?? []);
    // Walk the descendants; a cycle in a broken catalog stops at groups already seen.
    const seen = new Set<string>();
    const stack = [ref];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      add(`tree:${ref}`, owned.get(next) ?? []);
      stack.push(...(children.get(next) ?? []));
    }
  }
  return scopes;
}
