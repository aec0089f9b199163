import { Knex } from 'knex';

/** One (annotation, value) → entity row. @internal */
export interface EntityIndexRow {
  annotationKey: string;
  annotationValue: string;
  entityRef: string;
}

/**
 * The service identity of events that name their service by an annotation value (the SQL twin
 * is `concatIdentity` below).
 *
 * @internal
 */
export const annotationIdentity = (key: string, value: string) =>
  `annotation:${key}=${value}`;

/** Rows per insert statement (3 parameters each). */
const CHUNK = 300;

/**
 * The annotation → entity index. The only place that speaks SQL about it.
 *
 * @internal
 */
export class DatabaseEntityIndexStore {
  constructor(private readonly db: Knex) {}

  /** Replaces the whole index atomically: readers see the old or the new one, never a mix. */
  async replaceAll(rows: readonly EntityIndexRow[]): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('opsdeck_entity_index').delete();
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx('opsdeck_entity_index')
          .insert(
            rows.slice(i, i + CHUNK).map(r => ({
              annotation_key: r.annotationKey,
              annotation_value: r.annotationValue,
              entity_ref: r.entityRef,
            })),
          )
          .onConflict(['annotation_key', 'annotation_value', 'entity_ref'])
          .ignore();
      }
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

  /** Service identities of stored events that no entity claims, with their event counts. */
  async unmappedServices(): Promise<
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
        .where('service', 'like', 'annotation:%')
        .whereNotExists(
          this.db('opsdeck_entity_index').whereRaw(
            `${table}.service = ${this.concatIdentity()}`,
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
    return [...counts.entries()].map(([service, c]) => ({ service, ...c }));
  }

  /** SQL for 'annotation:' || key || '=' || value, in both dialects. */
  private concatIdentity(): string {
    return `('annotation:' || opsdeck_entity_index.annotation_key || '=' || opsdeck_entity_index.annotation_value)`;
  }
}
