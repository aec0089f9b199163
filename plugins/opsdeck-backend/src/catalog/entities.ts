import { Entity } from '@backstage/catalog-model';

/**
 * The targets of an entity's relations of one type, optionally only those of one kind
 * (`relationTargets(component, 'ownedBy', 'group')`).
 *
 * @internal
 */
export function relationTargets(
  entity: Entity,
  type: string,
  kind?: string,
): string[] {
  return (entity.relations ?? [])
    .filter(
      r =>
        r.type === type &&
        (!kind || r.targetRef.startsWith(`${kind.toLowerCase()}:`)),
    )
    .map(r => r.targetRef);
}

/**
 * A User's or Group's display name and email from `spec.profile` (falling back to the title,
 * then the given name — the entity's name unless told otherwise).
 *
 * @internal
 */
export function profileOf(
  entity: Entity,
  fallbackName = entity.metadata.name,
): { name: string; email?: string } {
  const profile = (entity.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
  };
  return {
    name: profile.displayName ?? entity.metadata.title ?? fallbackName,
    ...(profile.email ? { email: profile.email } : {}),
  };
}
