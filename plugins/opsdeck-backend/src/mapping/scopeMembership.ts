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
 * The service identities whose events belong to an entity: its ref, and each mapped annotation
 * it carries.
 *
 * @internal
 */
export function identitiesOfEntity(
  entity: Entity,
  mappedAnnotations: readonly string[],
): string[] {
  return [
    `entity:${stringifyEntityRef(entity)}`,
    ...mappedAnnotationsOf(entity, mappedAnnotations).map(a =>
      annotationIdentity(a.key, a.value),
    ),
  ];
}

/**
 * Which service identities each group/org rollup scope holds, under current ownership:
 * `group:<ref>` — the Components the group owns; `tree:<ref>` — the same for the group and all
 * its descendants; `org` — every Component. A service several entities share is one member.
 *
 * @internal
 */
export function scopeMembership(
  components: readonly Entity[],
  groups: readonly Entity[],
  mappedAnnotations: readonly string[],
): Map<string, Set<string>> {
  const scopes = new Map<string, Set<string>>();
  const add = (scope: string, services: readonly string[]) => {
    const set = scopes.get(scope) ?? new Set<string>();
    services.forEach(s => set.add(s));
    scopes.set(scope, set);
  };
  const owned = new Map<string, string[]>();
  for (const component of components) {
    const services = identitiesOfEntity(component, mappedAnnotations);
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
