import { DatabaseService } from '@backstage/backend-plugin-api';
import { DoraScopeFacts } from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { pushTo } from '../collections';
import { chunks, pacedChunks } from './chunks';
import {
  componentsOfIdentities,
  identitiesOfComponents,
} from './componentsSql';
import { isTransientFault, openOpsDeckDatabase } from './database';
import { DatabaseRollupStore } from './DatabaseRollupStore';
import { applyShipped, readShippedBefore } from './shippedShas';
import {
  ComponentHistoryWithUnits,
  FactChanges,
  FactsStore,
  HistorySlice,
  ShippedChanges,
  StoredComponentFacts,
} from './FactsStore';
import { DirtyDay } from './RollupStore';
import {
  DeploymentRow,
  IncidentRow,
  normalizeDeploymentFactRow,
  normalizeIncidentFactRow,
  recoveryOf,
  truthy,
  rowToDeployment,
  rowToIncident,
  shasOf,
} from './rows';
import {
  QueueMark,
  addMarks,
  claimMarks,
  clearMarks,
  recordFailure,
} from './workQueue';

/**
 * Queues Components whose facts must be re-derived; call inside the transaction that changed
 * their records. Given as a map, each from the earliest time of a changed record; else (a new
 * mapping, new rules) their whole histories.
 *
 * @internal
 */
export const markFactsDirty = (
  db: Knex | Knex.Transaction,
  components: Iterable<string> | ReadonlyMap<string, number>,
) =>
  addMarks(
    db,
    'facts',
    components instanceof Map
      ? [...components].map(([service, since]) => ({ service, since }))
      : [...new Set(components as Iterable<string>)].map(service => ({
          service,
          since: null,
        })),
  );

const timeOf = (t: unknown): number | undefined =>
  t === null || t === undefined ? undefined : Number(t);

/** Keeps the earliest instant a Component sent a deployment (SQL answers null for none). */
function noteSentAt(facts: DoraScopeFacts, t: unknown): void {
  if (t === null || t === undefined) return;
  if (facts.firstSentAt === undefined || Number(t) < facts.firstSentAt)
    facts.firstSentAt = Number(t);
}

/** How many of a Component's rows a table holds, counting at most `limit` (a bound or literal). */
const limitedCount = (table: string, limit: string) =>
  `(select count(*) from (select 1 from ${table} where component = ? limit ${limit}) as f)`;

/**
 * Per-Component facts in SQL. The only place that speaks SQL about them; the rules that derive
 * them live in `-common` and `derive/`.
 *
 * @internal
 */
export class DatabaseFactsStore implements FactsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseFactsStore> {
    return new DatabaseFactsStore(await openOpsDeckDatabase(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /** A store on an open client (the plugin opens the database once). */
  static of(db: Knex): DatabaseFactsStore {
    return new DatabaseFactsStore(db);
  }

  async readHistories(
    components: readonly string[],
    slice?: HistorySlice,
  ): Promise<ComponentHistoryWithUnits[]> {
    const identitiesOf = await identitiesOfComponents(this.db, components);
    const identities = [...new Set([...identitiesOf.values()].flat())];
    const deployments: DeploymentRow[] = [];
    const incidents: IncidentRow[] = [];
    for (const chunk of chunks(identities)) {
      const rows = () =>
        this.db<DeploymentRow>('opsdeck_deployments').whereIn('service', chunk);
      if (slice) {
        // Two index ranges: finished since `from`, and pending.
        deployments.push(
          ...(await rows().where('finished_at', '>=', slice.from)),
          ...(await rows().whereNull('finished_at')),
        );
      } else deployments.push(...(await rows()));
      incidents.push(
        ...(await this.db<IncidentRow>('opsdeck_incidents')
          .whereIn('service', chunk)
          .modify(q => {
            if (slice) q.where('opened_at', '>=', slice.cut);
          })),
      );
    }
    const blaming: IncidentRow[] = [];
    for await (const chunk of pacedChunks(deployments.map(d => d.record_key))) {
      blaming.push(
        ...(await this.db<IncidentRow>('opsdeck_incidents').whereIn(
          'caused_by_deployment',
          chunk,
        )),
      );
    }
    // Each row parsed once, whichever Components it belongs to.
    const parsed = new Map(
      deployments.map(r => [r.record_key, rowToDeployment(r)]),
    );
    if (slice) {
      // Earlier incidents still count where they name a deployment or SHA of the slice.
      const naming: IncidentRow[] = [...blaming];
      for await (const chunk of pacedChunks([...shasOf(parsed.values())])) {
        naming.push(
          ...(await this.db<IncidentRow>('opsdeck_incidents')
            .whereIn('caused_by_commit', chunk)
            .where('opened_at', '<', slice.cut)),
        );
      }
      const own = new Set(identities);
      const seen = new Set(incidents.map(i => i.record_key));
      for (const i of naming) {
        if (!own.has(i.service) || seen.has(i.record_key)) continue;
        seen.add(i.record_key);
        incidents.push(i);
      }
    }
    // An incident whose identity maps to several Components is attributed only through causedBy.
    const mapped = await componentsOfIdentities(this.db, identities);
    const byIdentity = <R extends { service: string }>(rows: R[]) => {
      const out = new Map<string, R[]>();
      for (const r of rows) pushTo(out, r.service, r);
      return out;
    };
    const deploymentsOf = byIdentity(deployments);
    const incidentsOf = byIdentity(incidents);
    return components.map(component => {
      const own = new Set(identitiesOf.get(component));
      const ds = [...own].flatMap(i => deploymentsOf.get(i) ?? []);
      const is = [...own].flatMap(i => incidentsOf.get(i) ?? []);
      const keys = new Set(ds.map(d => d.record_key));
      const unitOf = new Map<string, string | null>();
      for (const r of [...ds, ...is]) {
        const sharers = [...(mapped.get(r.service) ?? [])].sort();
        let unit: string | null = component;
        if (sharers.length > 1)
          unit = sharers[0] === component ? `shared:${r.service}` : null;
        unitOf.set(r.record_key, unit);
      }
      return {
        unitOf,
        component,
        deployments: ds.map(d => parsed.get(d.record_key)!),
        incidents: is.map(rowToIncident),
        sharedIncidents: new Set(
          is
            .filter(i => (mapped.get(i.service)?.length ?? 0) > 1)
            .map(i => i.record_key),
        ),
        foreignIncidents: blaming
          .filter(
            i => !own.has(i.service) && keys.has(i.caused_by_deployment ?? ''),
          )
          .map(rowToIncident),
      };
    });
  }

  async readStoredFacts(
    components: readonly string[],
    cut?: number,
  ): Promise<Map<string, StoredComponentFacts>> {
    const out = new Map<string, StoredComponentFacts>(
      components.map(c => [
        c,
        { deployments: new Map(), incidents: new Map() },
      ]),
    );
    for (const chunk of chunks([...components])) {
      const rows = () =>
        this.db('opsdeck_deployment_facts').whereIn('component', chunk);
      const deployments =
        cut === undefined
          ? await rows()
          : [
              // Two index ranges: finished from `cut` on, and pending.
              ...(await rows().where('finished_at', '>=', cut)),
              ...(await rows()
                .whereNull('finished_at')
                .where(q =>
                  q.where('started_at', '>=', cut).orWhereNull('started_at'),
                )),
            ];
      for (const r of deployments) {
        const row = normalizeDeploymentFactRow(r);
        out.get(row.component)!.deployments.set(row.record_key, row);
      }
      for (const r of await this.db('opsdeck_incident_facts')
        .whereIn('component', chunk)
        .modify(q => {
          if (cut !== undefined) q.where('opened_at', '>=', cut);
        })) {
        const row = normalizeIncidentFactRow(r);
        out.get(row.component)!.incidents.set(row.record_key, row);
      }
    }
    return out;
  }

  async historySizes(
    components: readonly string[],
    atMost: number,
  ): Promise<Map<string, number>> {
    // Counted through the (component, finished_at) index, each stopping at `atMost`: a long
    // history costs no more than a short one.
    const rows = await this.probeEach(
      components,
      `${limitedCount('opsdeck_deployment_facts', '?')} as n`,
      c => [c, atMost],
    );
    return new Map(rows.map(r => [String(r.component), Number(r.n)]));
  }

  /**
   * One row per Component (`component` plus the given columns), each column an index probe
   * bound per Component: a UNION ALL of 50 Components per statement.
   */
  private async probeEach(
    components: readonly string[],
    columns: string,
    bindings: (component: string) => Array<string | number>,
  ): Promise<Array<Record<string, unknown>>> {
    const out: Array<Record<string, unknown>> = [];
    for (const chunk of chunks([...components], 50)) {
      const sql = chunk
        .map(() => `select cast(? as varchar(600)) as component, ${columns}`)
        .join(' union all ');
      const result = await this.db.raw(
        sql,
        chunk.flatMap(c => [c, ...bindings(c)]),
      );
      out.push(...(Array.isArray(result) ? result : result.rows));
    }
    return out;
  }

  async earliestDependent(
    component: string,
    since: number,
  ): Promise<number | undefined> {
    // Through (component, depends_until) alone: facts from `since` on match too, and only
    // answer a time no earlier than `since`, which changes nothing.
    const row = await this.db('opsdeck_deployment_facts')
      .where('component', component)
      .where('depends_until', '>=', since)
      .min({ t: 'finished_at' })
      .first();
    return timeOf(row?.t);
  }

  async earliestNamed(
    component: string,
    since: number,
    rollbacksOnly = false,
  ): Promise<number | undefined> {
    const identities = [
      ...new Set(
        (await identitiesOfComponents(this.db, [component])).get(component),
      ),
    ];
    // Looked up by key: a target in another Component only moves the cut earlier.
    const targets = (named: Knex.QueryBuilder): Knex.QueryBuilder<any, any> =>
      this.db('opsdeck_deployments')
        .whereIn('record_key', named)
        .min({ t: 'finished_at' })
        .first();
    const times = [
      await targets(
        this.db('opsdeck_deployments')
          .whereIn('service', identities)
          .where('finished_at', '>=', since)
          .whereNotNull('rollback_of')
          .select('rollback_of'),
      ),
    ];
    if (!rollbacksOnly) {
      const incidents = () =>
        this.db('opsdeck_incidents')
          .whereIn('service', identities)
          .where('opened_at', '>=', since);
      times.push(
        await targets(
          incidents()
            .whereNotNull('caused_by_deployment')
            .select('caused_by_deployment'),
        ),
        await this.db('opsdeck_shipped_shas')
          .where('component', component)
          .whereIn(
            'sha',
            incidents()
              .whereNotNull('caused_by_commit')
              .select('caused_by_commit'),
          )
          .min({ t: 'first_commit_at' })
          .first(),
      );
    }
    const found = times
      .map(r => timeOf(r?.t))
      .filter((t): t is number => t !== undefined);
    return found.length ? Math.min(...found) : undefined;
  }

  async earliestMergedInto(
    component: string,
    from: number,
    cut: number,
  ): Promise<number | undefined> {
    const row = await this.db('opsdeck_deployment_facts as m')
      .join('opsdeck_deployment_facts as f', j =>
        j
          .on('f.component', '=', 'm.component')
          .andOn('f.record_key', '=', 'm.merged_into'),
      )
      .where('m.component', component)
      .where('m.finished_at', '>=', from)
      .where('m.finished_at', '<', cut)
      .whereNotNull('m.merged_into')
      .min({ t: 'f.finished_at' })
      .first();
    return timeOf(row?.t);
  }

  shippedBefore(
    component: string,
    shas: readonly string[],
    before: number,
  ): Promise<{ changes: Set<string>; commits: Set<string> }> {
    return readShippedBefore(this.db, component, shas, before);
  }

  async commit(work: {
    changes: FactChanges;
    shipped: readonly ShippedChanges[];
    days: readonly DirtyDay[];
    marks: readonly QueueMark[];
  }): Promise<void> {
    await this.db.transaction(async tx => {
      await this.applyChanges(work.changes, tx);
      await applyShipped(tx, work.shipped);
      await DatabaseRollupStore.markDirty(tx, work.days);
      await clearMarks(tx, 'facts', work.marks);
    });
  }

  async markComponents(components: Iterable<string>): Promise<void> {
    await markFactsDirty(this.db, components);
  }

  claim(limit: number, components?: readonly string[]) {
    return claimMarks(this.db, 'facts', {
      limit,
      now: Date.now(),
      services: components,
    });
  }

  fail(marks: readonly QueueMark[], error: unknown) {
    return recordFailure(
      this.db,
      'facts',
      marks,
      error,
      isTransientFault(error),
    );
  }

  private async applyChanges(changes: FactChanges, tx: Knex.Transaction) {
    for (const [table, rows] of [
      ['opsdeck_deployment_facts', changes.deleteDeployments],
      ['opsdeck_incident_facts', changes.deleteIncidents],
    ] as const) {
      for await (const chunk of pacedChunks(rows, 100)) {
        await tx(table)
          .where(q => {
            for (const k of chunk) q.orWhere(k);
          })
          .delete();
      }
    }
    for await (const chunk of pacedChunks(changes.upsertDeployments, 50)) {
      await tx('opsdeck_deployment_facts')
        .insert(chunk)
        .onConflict(['component', 'record_key'])
        .merge();
    }
    for await (const chunk of pacedChunks(changes.upsertIncidents, 100)) {
      await tx('opsdeck_incident_facts')
        .insert(chunk)
        .onConflict(['component', 'record_key'])
        .merge();
    }
  }

  async knownComponents(): Promise<string[]> {
    const out = new Set<string>();
    (
      await this.db('opsdeck_entity_index')
        .where('entity_ref', 'like', 'component:%')
        .distinct('entity_ref')
    ).forEach(r => out.add(String(r.entity_ref)));
    for (const [table, column] of [
      ['opsdeck_deployments', 'service'],
      ['opsdeck_incidents', 'service'],
      ['opsdeck_deployment_facts', 'component'],
      ['opsdeck_incident_facts', 'component'],
    ]) {
      const rows = await this.db(table)
        .modify(
          q => column === 'service' && q.where(column, 'like', 'entity:%'),
        )
        .distinct(column);
      rows.forEach(r => out.add(String(r[column]).replace(/^entity:/, '')));
    }
    return [...out].sort();
  }

  async receivedKinds(
    components: readonly string[],
  ): Promise<Map<string, { deployments: boolean; incidents: boolean }>> {
    // One index probe per Component and table (`limit 1`): a long history costs no more.
    const rows = await this.probeEach(
      components,
      `${limitedCount('opsdeck_deployment_facts', '1')} as d, ${limitedCount(
        'opsdeck_incident_facts',
        '1',
      )} as i`,
      c => [c, c],
    );
    return new Map(
      rows.map(r => [
        String(r.component),
        { deployments: Number(r.d) > 0, incidents: Number(r.i) > 0 },
      ]),
    );
  }

  async firstEventAt(component: string): Promise<number | null> {
    // Each through its (component, time) index: one row however long the history.
    const deployment = await this.db('opsdeck_deployment_facts')
      .where('component', component)
      .whereNotNull('finished_at')
      .orderBy('finished_at')
      .first('finished_at');
    const incident = await this.db('opsdeck_incident_facts')
      .where('component', component)
      .orderBy('opened_at')
      .first('opened_at');
    const times = [deployment?.finished_at, incident?.opened_at]
      .filter(t => t !== undefined && t !== null)
      .map(Number);
    return times.length ? Math.min(...times) : null;
  }

  async readWindowFacts(
    component: string,
    window: { from: number; to: number },
  ): Promise<DoraScopeFacts> {
    const facts = (
      await this.readFactsBy('component', [component], window)
    ).get(component)!.facts;
    // Through the (component, finished_at) index: one row, however long the history. A merged
    // report finishes no earlier than the one it merged into, so it cannot be the first.
    const first = await this.db('opsdeck_deployment_facts')
      .where('component', component)
      .whereNotNull('finished_at')
      .orderBy('finished_at')
      .first('finished_at');
    const pending = await this.db('opsdeck_deployment_facts')
      .where('component', component)
      .whereNull('finished_at')
      .min({ t: 'started_at' })
      .first();
    for (const t of [first?.finished_at, pending?.t]) noteSentAt(facts, t);
    return facts;
  }

  async readManyWindowFacts(
    components: readonly string[],
    window: { from: number; to: number },
  ): Promise<Map<string, DoraScopeFacts>> {
    const read = await this.readFactsBy('component', components, window);
    const out = new Map([...read].map(([c, { facts }]) => [c, facts]));
    for (const chunk of chunks([...components])) {
      // When each first sent a deployment: its first finish, or a pending one's start.
      const finished = await this.db('opsdeck_deployment_facts')
        .whereIn('component', chunk)
        .whereNotNull('finished_at')
        .groupBy('component')
        .select('component')
        .min({ t: 'finished_at' });
      const pending = await this.db('opsdeck_deployment_facts')
        .whereIn('component', chunk)
        .whereNull('finished_at')
        .groupBy('component')
        .select('component')
        .min({ t: 'started_at' });
      const firsts = [...finished, ...pending] as Array<{
        component: string;
        t: unknown;
      }>;
      for (const r of firsts) {
        const facts = out.get(String(r.component));
        if (facts) noteSentAt(facts, r.t);
      }
    }
    return out;
  }

  async readComponentsFacts(
    units: readonly string[],
    span: { from: number; to: number },
  ): Promise<Map<string, { facts: DoraScopeFacts; pendingSentAt: number[] }>> {
    return this.readFactsBy('rollup_unit', units, span);
  }

  private async readFactsBy(
    column: 'component' | 'rollup_unit',
    components: readonly string[],
    span: { from: number; to: number },
  ): Promise<Map<string, { facts: DoraScopeFacts; pendingSentAt: number[] }>> {
    const out = new Map(
      components.map(c => [
        c,
        {
          facts: { deployments: [], incidents: [] } as DoraScopeFacts,
          pendingSentAt: [] as number[],
        },
      ]),
    );
    for (const chunk of chunks([...components])) {
      const deployments = await this.db('opsdeck_deployment_facts')
        .whereIn(column, chunk)
        .where('finished_at', '>=', span.from)
        .where('finished_at', '<', span.to)
        .whereNull('merged_into')
        .select(
          `${column} as component`,
          'record_key',
          'finished_at',
          'production_success',
          'completed_production',
          'failed',
          'rework',
          'recovery',
          'lead_times',
        );
      for (const r of deployments) {
        out.get(String(r.component))!.facts.deployments.push({
          key: String(r.record_key),
          finishedAt: Number(r.finished_at),
          productionSuccess: truthy(r.production_success),
          completedProduction: truthy(r.completed_production),
          failed: truthy(r.failed),
          rework: truthy(r.rework),
          ...recoveryOf(r.recovery ?? null),
          leadTimes: JSON.parse(r.lead_times),
        });
      }
      const pending = await this.db('opsdeck_deployment_facts')
        .whereIn(column, chunk)
        .whereNull('finished_at')
        .where('started_at', '>=', span.from)
        .where('started_at', '<', span.to)
        .select(`${column} as component`, 'started_at');
      for (const r of pending)
        out.get(String(r.component))!.pendingSentAt.push(Number(r.started_at));
      const incidents = await this.db('opsdeck_incident_facts')
        .whereIn(column, chunk)
        .where('opened_at', '>=', span.from)
        .where('opened_at', '<', span.to)
        .select(
          `${column} as component`,
          'record_key',
          'opened_at',
          'duration',
          'unresolved',
        );
      for (const r of incidents) {
        out.get(String(r.component))!.facts.incidents.push({
          key: String(r.record_key),
          openedAt: Number(r.opened_at),
          ...(r.duration === null ? {} : { duration: Number(r.duration) }),
          unresolved: truthy(r.unresolved),
        });
      }
    }
    return out;
  }
}
