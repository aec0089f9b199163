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

/** A time later than any record's: the mark of a record without a time (a pending deployment never started). @internal */
export const FAR_FUTURE = 8_640_000_000_000_000;

/**
 * The Components whose facts these records can change, each with the earliest time among its
 * records (a deployment's finish, else its start; an incident's opening): the Components their
 * identities map to, and for incidents that name a deployment as their cause, that deployment's
 * Components (at that deployment's time). Read before and after an update, it covers the old
 * and the new version of each record.
 *
 * @internal
 */
export async function componentsOfRecords(
  db: Knex,
  changed: {
    deploymentKeys: readonly string[];
    incidentKeys: readonly string[];
  },
): Promise<Map<string, number>> {
  const sinceOf = new Map<string, number>();
  const note = (rows: Array<Record<string, unknown>>) => {
    for (const r of rows) {
      const t = r.t === null || r.t === undefined ? FAR_FUTURE : Number(r.t);
      const identity = String(r.service);
      sinceOf.set(identity, Math.min(sinceOf.get(identity) ?? FAR_FUTURE, t));
    }
  };
  const deploymentTime = db.raw('coalesce(finished_at, started_at) as t');
  for (const chunk of chunks([...changed.deploymentKeys])) {
    note(
      await db('opsdeck_deployments')
        .whereIn('record_key', chunk)
        .select('service', deploymentTime),
    );
  }
  for (const chunk of chunks([...changed.incidentKeys])) {
    note(
      await db('opsdeck_incidents')
        .whereIn('record_key', chunk)
        .select('service', 'opened_at as t'),
    );
    note(
      await db('opsdeck_deployments')
        .whereIn(
          'record_key',
          db('opsdeck_incidents')
            .whereIn('record_key', chunk)
            .whereNotNull('caused_by_deployment')
            .select('caused_by_deployment'),
        )
        .select('service', deploymentTime),
    );
  }
  const components = new Map<string, number>();
  for (const [identity, list] of await componentsOfIdentities(
    db,
    sinceOf.keys(),
  )) {
    for (const c of list)
      components.set(
        c,
        Math.min(components.get(c) ?? FAR_FUTURE, sinceOf.get(identity)!),
      );
  }
  return components;
}

/** Two maps of Component → earliest time merged, each Component at its earliest. @internal */
export function earliest(
  ...maps: ReadonlyArray<ReadonlyMap<string, number>>
): Map<string, number> {
  const out = new Map<string, number>();
  for (const map of maps)
    for (const [c, t] of map) out.set(c, Math.min(out.get(c) ?? t, t));
  return out;
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
