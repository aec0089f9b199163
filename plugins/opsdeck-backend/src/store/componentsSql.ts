import { Knex } from 'knex';
import { chunks } from './chunks';

/** The identity prefix of events that name their Component by entity ref. */
const ENTITY_PREFIX = 'entity:';

/** Only Components are units of DORA; other kinds carry annotations for on-call inheritance. */
const COMPONENT_REFS = 'component:%';

/**
 * The Components each service identity maps to: `entity:<ref>` to that ref, an annotation
 * identity to every Component carrying it (none when unmapped).
 *
 * @internal
 */
export async function componentsOfIdentities(
  db: Knex,
  identities: Iterable<string>,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const annotations: string[] = [];
  for (const identity of new Set(identities)) {
    if (identity.startsWith(ENTITY_PREFIX))
      out.set(identity, [identity.slice(ENTITY_PREFIX.length)]);
    else annotations.push(identity);
  }
  for (const chunk of chunks(annotations)) {
    const rows = await db('opsdeck_entity_index')
      .whereIn('identity', chunk)
      .where('entity_ref', 'like', COMPONENT_REFS)
      .select('identity', 'entity_ref');
    for (const r of rows) {
      const list = out.get(String(r.identity)) ?? [];
      list.push(String(r.entity_ref));
      out.set(String(r.identity), list);
    }
  }
  return out;
}

/**
 * The Components whose facts these records can change: the Components their identities map to,
 * and for incidents that name a deployment as their cause, that deployment's Components.
 *
 * @internal
 */
export async function componentsOfRecords(
  db: Knex,
  changed: {
    deploymentKeys: readonly string[];
    incidentKeys: readonly string[];
  },
): Promise<Set<string>> {
  const identities = new Set<string>();
  for (const chunk of chunks([...changed.deploymentKeys])) {
    (
      await db('opsdeck_deployments')
        .whereIn('record_key', chunk)
        .distinct('service')
    ).forEach(r => identities.add(String(r.service)));
  }
  for (const chunk of chunks([...changed.incidentKeys])) {
    (
      await db('opsdeck_incidents')
        .whereIn('record_key', chunk)
        .distinct('service')
    ).forEach(r => identities.add(String(r.service)));
    (
      await db('opsdeck_deployments')
        .whereIn(
          'record_key',
          db('opsdeck_incidents')
            .whereIn('record_key', chunk)
            .whereNotNull('caused_by_deployment')
            .select('caused_by_deployment'),
        )
        .distinct('service')
    ).forEach(r => identities.add(String(r.service)));
  }
  const components = new Set<string>();
  for (const list of (await componentsOfIdentities(db, identities)).values())
    list.forEach(c => components.add(c));
  return components;
}

/** Every identity of these Components: the entity ref and each indexed annotation. @internal */
export async function identitiesOfComponents(
  db: Knex,
  components: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map(components.map(c => [c, [`${ENTITY_PREFIX}${c}`]]));
  for (const chunk of chunks([...components])) {
    const rows = await db('opsdeck_entity_index')
      .whereIn('entity_ref', chunk)
      .where('entity_ref', 'like', COMPONENT_REFS)
      .whereNotNull('identity')
      .select('entity_ref', 'identity');
    for (const r of rows)
      out.get(String(r.entity_ref))?.push(String(r.identity));
  }
  return out;
}
