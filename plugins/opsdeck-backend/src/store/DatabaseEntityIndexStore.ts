import { Knex } from 'knex';
import { markFactsDirty } from './DatabaseFactsStore';

/** One (annotation, value) → entity row. @internal */
export interface EntityIndexRow {
  annotationKey: string;
  annotationValue: string;
  entityRef: string;
}

/**
 * The service identity of events that name their service by an annotation value (kept in the
 * index's `identity` column).
 *
 * @internal
 */
export const annotationIdentity = (key: string, value: string) =>
  `annotation:${key}=${value}`;

/** Rows per insert statement (4 parameters each). */
const CHUNK = 300;

/**
 * The annotation → entity index. The only place that speaks SQL about it.
 *
 * @internal
 */
export class DatabaseEntityIndexStore {
  constructor(private readonly db: Knex) {}

  /**
   * Replaces the whole index atomically (readers see the old or the new one, never a mix) and
   * returns the Components whose histories changed: those that gained or lost an identity, and
   * those sharing an identity that gained or lost a Component. They are queued for the
   * projection in the same transaction: a process killed right after still leaves them to be
   * re-derived.
   */
  async replaceAll(rows: readonly EntityIndexRow[]): Promise<string[]> {
    return this.db.transaction(async tx => {
      const pairsOf = (list: EntityIndexRow[]) => {
        const byIdentity = new Map<string, Set<string>>();
        for (const r of list) {
          if (!r.entityRef.startsWith('component:')) continue;
          const identity = annotationIdentity(
            r.annotationKey,
            r.annotationValue,
          );
          const set = byIdentity.get(identity) ?? new Set<string>();
          byIdentity.set(identity, set.add(r.entityRef));
        }
        return byIdentity;
      };
      const before = pairsOf(
        (await tx('opsdeck_entity_index').select()).map(r => ({
          annotationKey: String(r.annotation_key),
          annotationValue: String(r.annotation_value),
          entityRef: String(r.entity_ref),
        })),
      );
      const after = pairsOf([...rows]);
      const changed = new Set<string>();
      for (const identity of new Set([...before.keys(), ...after.keys()])) {
        const a = before.get(identity) ?? new Set<string>();
        const b = after.get(identity) ?? new Set<string>();
        if (a.size === b.size && [...a].every(c => b.has(c))) continue;
        [...a, ...b].forEach(c => changed.add(c));
      }
      await tx('opsdeck_entity_index').delete();
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx('opsdeck_entity_index')
          .insert(
            rows.slice(i, i + CHUNK).map(r => ({
              annotation_key: r.annotationKey,
              annotation_value: r.annotationValue,
              entity_ref: r.entityRef,
              identity: annotationIdentity(r.annotationKey, r.annotationValue),
            })),
          )
          .onConflict(['annotation_key', 'annotation_value', 'entity_ref'])
          .ignore();
      }
      await markFactsDirty(tx, changed);
      return [...changed].sort();
    });
  }

  /** Distinct values of one annotation across the catalog (e.g. every GitHub repository). */
  async annotationValues(annotationKey: string): Promise<string[]> {
    const rows = await this.db('opsdeck_entity_index')
      .where('annotation_key', annotationKey)
      .distinct('annotation_value')
      .orderBy('annotation_value');
    return rows.map(r => String(r.annotation_value));
  }

  /** The service identities whose events belong to an entity: its ref and its indexed annotations. */
  async identitiesOf(entityRef: string): Promise<string[]> {
    const rows = await this.db('opsdeck_entity_index')
      .where('entity_ref', entityRef)
      .select('annotation_key', 'annotation_value');
    return [
      `entity:${entityRef}`,
      ...rows.map(r =>
        annotationIdentity(r.annotation_key, r.annotation_value),
      ),
    ];
  }

  /**
   * Whether one of this entity's annotation identities is carried by another entity too (its
   * records then count for both, and its daily rollups hold them apart).
   */
  async sharesIdentity(entityRef: string): Promise<boolean> {
    const shared = await this.db('opsdeck_entity_index as mine')
      .join('opsdeck_entity_index as other', function sameIdentity() {
        this.on('other.annotation_key', 'mine.annotation_key')
          .andOn('other.annotation_value', 'mine.annotation_value')
          .andOn('other.entity_ref', '<>', 'mine.entity_ref');
      })
      .where('mine.entity_ref', entityRef)
      .first('other.entity_ref');
    return shared !== undefined;
  }

  /**
   * Service identities of stored events that map to no Component, with their event counts, most
   * events first: annotation identities no Component carries, and entity refs that are not a
   * Component of the catalog (the org scope lists every one). They count nowhere until mapped.
   */
  async unmappedServices(
    limit = 500,
  ): Promise<
    Array<{ service: string; deployments: number; incidents: number }>
  > {
    const counts = new Map<
      string,
      { deployments: number; incidents: number }
    >();
    for (const [table, field] of [
      ['opsdeck_deployments', 'deployments'],
      ['opsdeck_incidents', 'incidents'],
    ] as const) {
      const rows = (await this.db(table)
        .where(q =>
          q
            .where(`${table}.service`, 'like', 'annotation:%')
            .whereNotExists(
              this.db('opsdeck_entity_index')
                .whereRaw(`opsdeck_entity_index.identity = ${table}.service`)
                .where('entity_ref', 'like', 'component:%'),
            ),
        )
        .orWhere(q =>
          q
            .where(`${table}.service`, 'like', 'entity:%')
            .whereNotExists(
              this.db('opsdeck_scope_members')
                .where('scope', 'org')
                .whereRaw(
                  `('entity:' || opsdeck_scope_members.service) = ${table}.service`,
                ),
            ),
        )
        .groupBy('service')
        .select('service')
        .count({ n: '*' })) as unknown as Array<{
        service: string;
        n: number | string;
      }>;
      for (const row of rows) {
        const entry = counts.get(String(row.service)) ?? {
          deployments: 0,
          incidents: 0,
        };
        entry[field] = Number(row.n);
        counts.set(String(row.service), entry);
      }
    }
    return [...counts.entries()]
      .map(([service, c]) => ({ service, ...c }))
      .sort(
        (a, b) =>
          b.deployments + b.incidents - (a.deployments + a.incidents) ||
          (a.service < b.service ? -1 : 1),
      )
      .slice(0, limit);
  }
}
