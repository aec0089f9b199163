import {
  DAY_COUNT_FIELDS,
  DAY_MS,
  DoraDayCounts,
  EXACT_QUANTILE_LIMIT,
  ROLLUP_VALUE_KINDS,
  RollupValueKind,
} from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunks, pacedChunks } from './chunks';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { isTransientFault, openOpsDeckDatabase } from './database';
import {
  QueueMark,
  addMarks,
  claimMarks,
  clearMarks,
  recordFailure,
} from './workQueue';
import { DirtyDay, RollupStore, StoredRollup } from './RollupStore';

const COLUMN: Record<RollupValueKind, string> = {
  leadTimes: 'lead',
  recoveries: 'recovery',
  durations: 'duration',
};

type RollupRow = Record<string, string | number | null>;

function countsOf(row: RollupRow): DoraDayCounts {
  const counts = { day: Number(row.day) } as DoraDayCounts;
  for (const c of DAY_COUNT_FIELDS) counts[c] = Number(row[c]);
  counts.valueCounts = {
    leadTimes: Number(row.lead_n),
    recoveries: Number(row.recovery_n),
    durations: Number(row.duration_n),
  };
  return counts;
}

function rowOf(row: RollupRow): StoredRollup {
  const out: StoredRollup = { ...countsOf(row), values: {}, sketches: {} };
  for (const kind of ROLLUP_VALUE_KINDS) {
    const values = row[`${COLUMN[kind]}_values`];
    const sketch = row[`${COLUMN[kind]}_sketch`];
    if (typeof values === 'string')
      out.values[kind] = Array.from(decodeValues(values));
    if (typeof sketch === 'string') out.sketches[kind] = sketch;
  }
  return out;
}

/**
 * A value list as stored: its values sorted ascending (one canonical form) as little-endian
 * float64, base64 — read back without parsing, several times faster than JSON for the
 * thousands of values a team or organisation day holds.
 *
 * @internal
 */
export function encodeValues(values: readonly number[]): string {
  const sorted = Float64Array.from(values).sort();
  return Buffer.from(sorted.buffer, 0, sorted.byteLength).toString('base64');
}

/** @internal */
export function decodeValues(encoded: string): Float64Array {
  const bytes = Buffer.from(encoded, 'base64');
  // Copied into an aligned buffer: a Float64Array view needs an offset that is a multiple of 8.
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

const GENERATION_KEY = 'rollups.generation';

/** Marks rollups changed; last in a writing transaction, so locks are always taken in one order. */
async function bumpGeneration(db: Knex | Knex.Transaction): Promise<void> {
  await db('opsdeck_meta')
    .insert({ key: GENERATION_KEY, value: randomUUID() })
    .onConflict('key')
    .merge();
}

/** Day of an instant, as SQL over integer epoch ms (no date functions: both dialects agree). */
const sqlDay = (column: string) => `((${column}) / ${DAY_MS}) * ${DAY_MS}`;

/**
 * Rollups in SQL. The only place that speaks SQL about them.
 *
 * @internal
 */
export class DatabaseRollupStore implements RollupStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRollupStore> {
    return new DatabaseRollupStore(await openOpsDeckDatabase(options.database));
  }

  /** A store on an open client (the plugin opens the database once). */
  static of(db: Knex): DatabaseRollupStore {
    return new DatabaseRollupStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /** Queues days for re-derivation; call inside the transaction that changed them. */
  static async markDirty(
    db: Knex | Knex.Transaction,
    days: Iterable<DirtyDay>,
  ): Promise<void> {
    const unique = new Map<string, DirtyDay>();
    for (const d of days) unique.set(`${d.service}\u0000${d.day}`, d);
    await addMarks(db, 'rollups', [...unique.values()]);
  }

  /** Queues every day that has any facts, e.g. after the DORA rules changed. */
  async markAllDirty(): Promise<number> {
    const days = await this.db
      .select('service', this.db.raw(`${sqlDay('t')} as day`))
      .from(
        this.db
          .select(
            'rollup_unit as service',
            this.db.raw('coalesce(finished_at, started_at) as t'),
          )
          .from('opsdeck_deployment_facts')
          .whereNotNull('rollup_unit')
          .unionAll(
            this.db
              .select('rollup_unit as service', this.db.raw('opened_at as t'))
              .from('opsdeck_incident_facts')
              .whereNotNull('rollup_unit'),
          )
          .as('records'),
      )
      .whereNotNull('t')
      .distinct();
    // Days that only a rollup still has (its records were deleted) must go too.
    const rollupDays = await this.db('opsdeck_rollups')
      .where('scope', 'like', 'svc:%')
      .select('scope', 'day');
    await DatabaseRollupStore.markDirty(this.db, [
      ...days.map(d => ({ service: String(d.service), day: Number(d.day) })),
      ...rollupDays.map(r => ({
        service: String(r.scope).slice(4),
        day: Number(r.day),
      })),
    ]);
    return days.length;
  }

  /** Claims up to `limit` queued days that are due (see {@link claimMarks}). */
  async takeDirty(limit: number): Promise<QueueMark[]> {
    return claimMarks(this.db, 'rollups', { limit, now: Date.now() });
  }

  /** Records why re-deriving these days failed (see {@link recordFailure}). */
  async failDirty(marks: readonly QueueMark[], error: unknown): Promise<void> {
    await recordFailure(
      this.db,
      'rollups',
      marks,
      error,
      isTransientFault(error),
    );
  }

  /** Runs `fn` in one transaction, with a store bound to it. */
  async transaction<T>(fn: (store: RollupStore) => Promise<T>): Promise<T> {
    return this.db.transaction(tx => fn(new DatabaseRollupStore(tx)));
  }

  /**
   * Clears processed marks, unless a newer mark came in meanwhile; returns how many it cleared
   * (fewer than asked when another runner, or a newer mark, got there first).
   */
  async clearDirty(days: readonly QueueMark[]): Promise<number> {
    return clearMarks(this.db, 'rollups', days);
  }

  /** Writes a scope's rows for some days; days without a row are deleted. */
  async writeDays(
    scope: string,
    days: readonly number[],
    rows: readonly StoredRollup[],
    configHash: string,
  ): Promise<void> {
    const byDay = new Map(rows.map(r => [r.day, r]));
    await this.writeMany(
      days.map(day => ({ scope, day, rollup: byDay.get(day) })),
      configHash,
    );
  }

  /**
   * Replaces the rows of many (scope, day) pairs in few statements; a pair without a rollup is
   * deleted.
   */
  async writeMany(
    entries: ReadonlyArray<{
      scope: string;
      day: number;
      rollup?: StoredRollup;
    }>,
    configHash: string,
  ): Promise<void> {
    const now = Date.now();
    await this.db.transaction(async tx => {
      for await (const chunk of pacedChunks(entries, 200)) {
        await tx('opsdeck_rollups')
          .where(q => {
            for (const e of chunk) q.orWhere({ scope: e.scope, day: e.day });
          })
          .delete();
      }
      const records = entries.flatMap(({ scope, rollup: r }) => {
        if (!r) return [];
        const record: RollupRow = {
          scope,
          day: r.day,
          config_hash: configHash,
          updated_at: now,
          lead_n: r.valueCounts.leadTimes,
          recovery_n: r.valueCounts.recoveries,
          duration_n: r.valueCounts.durations,
        };
        for (const c of DAY_COUNT_FIELDS) record[c] = r[c];
        for (const kind of ROLLUP_VALUE_KINDS) {
          const values = r.values[kind];
          record[`${COLUMN[kind]}_values`] =
            values && values.length <= EXACT_QUANTILE_LIMIT
              ? encodeValues(values)
              : null;
          record[`${COLUMN[kind]}_sketch`] = r.sketches[kind] ?? null;
        }
        return [record];
      });
      for await (const chunk of pacedChunks(records, 40)) {
        await tx('opsdeck_rollups').insert(chunk);
      }
      await bumpGeneration(tx);
    });
  }

  async generation(): Promise<string> {
    const row = await this.db('opsdeck_meta')
      .where('key', GENERATION_KEY)
      .first('value');
    return row ? String(row.value) : '';
  }

  /** Whole rows of several scopes on some days (to add them up). */
  async readRows(
    scopes: readonly string[],
    days: readonly number[],
  ): Promise<Array<{ scope: string; rollup: StoredRollup }>> {
    const out = [];
    for await (const scopeChunk of pacedChunks(scopes, 200)) {
      for await (const dayChunk of pacedChunks(days, 200)) {
        const rows = await this.db('opsdeck_rollups')
          .whereIn('scope', scopeChunk)
          .whereIn('day', dayChunk);
        out.push(
          ...rows.map(r => ({ scope: String(r.scope), rollup: rowOf(r) })),
        );
      }
    }
    return out;
  }

  /** The counts of one scope's days in `[from, to)`, by day. */
  async readCounts(
    scope: string,
    window: { from: number; to: number },
  ): Promise<DoraDayCounts[]> {
    const rows = await this.db('opsdeck_rollups')
      .where('scope', scope)
      .where('day', '>=', window.from)
      .where('day', '<', window.to)
      .orderBy('day')
      .select('day', ...DAY_COUNT_FIELDS, 'lead_n', 'recovery_n', 'duration_n');
    return rows.map(countsOf);
  }

  /**
   * One value set of one scope on some days, by day: the lists (null where a day kept only a
   * sketch) or the sketches.
   */
  async readValues(
    scope: string,
    kind: RollupValueKind,
    form: 'values' | 'sketch',
    days: readonly number[],
  ): Promise<Map<number, string | null>> {
    const column = `${COLUMN[kind]}_${form}`;
    const out = new Map<number, string | null>();
    for (const chunk of chunks(days, 500)) {
      const rows = await this.db('opsdeck_rollups')
        .where('scope', scope)
        .whereIn('day', chunk)
        .select('day', column);
      for (const r of rows) out.set(Number(r.day), r[column] ?? null);
    }
    return out;
  }

  /** The earliest day a scope sent a deployment. */
  async firstSentDay(scope: string): Promise<number | undefined> {
    const row = await this.db('opsdeck_rollups')
      .where('scope', scope)
      .where('sent', '>', 0)
      .orderBy('day')
      .first('day');
    return row ? Number(row.day) : undefined;
  }

  async firstEventDay(scope: string): Promise<number | undefined> {
    // The primary key (scope, day) answers this with one row.
    const row = await this.db('opsdeck_rollups')
      .where('scope', scope)
      .orderBy('day')
      .first('day');
    return row ? Number(row.day) : undefined;
  }

  /** Days on which any of these scopes has a row. */
  async daysOf(scopes: readonly string[]): Promise<number[]> {
    const days = new Set<number>();
    for (const chunk of chunks(scopes, 200)) {
      const rows = await this.db('opsdeck_rollups')
        .whereIn('scope', chunk)
        .distinct('day');
      rows.forEach(r => days.add(Number(r.day)));
    }
    return [...days].sort((a, b) => a - b);
  }

  async deleteScope(scope: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('opsdeck_rollups').where('scope', scope).delete();
      await bumpGeneration(tx);
    });
  }

  /** The (group/org scope, service) memberships of these services. */
  async membershipsOf(
    services: readonly string[],
  ): Promise<Array<{ scope: string; service: string }>> {
    const out = [];
    for (const chunk of chunks(services)) {
      const rows = await this.db('opsdeck_scope_members')
        .whereIn('service', chunk)
        .select('scope', 'service');
      out.push(
        ...rows.map(r => ({
          scope: String(r.scope),
          service: String(r.service),
        })),
      );
    }
    return out;
  }

  /** Every group/org scope that has members. */
  async scopes(): Promise<string[]> {
    const rows = await this.db('opsdeck_scope_members').distinct('scope');
    return rows.map(r => String(r.scope));
  }

  async memberCount(scope: string): Promise<number> {
    const [{ n }] = await this.db('opsdeck_scope_members')
      .where('scope', scope)
      .count({ n: '*' });
    return Number(n);
  }

  async membersOf(scope: string): Promise<string[]> {
    const rows = await this.db('opsdeck_scope_members')
      .where('scope', scope)
      .select('service');
    return rows.map(r => String(r.service));
  }

  /**
   * Replaces all scope memberships and returns, per scope that changed, the services that came
   * or went.
   */
  async replaceMembers(
    next: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<Array<{ scope: string; changed: string[] }>> {
    return this.db.transaction(async tx => {
      const current = new Map<string, Set<string>>();
      for (const r of await tx('opsdeck_scope_members').select(
        'scope',
        'service',
      )) {
        const set = current.get(String(r.scope)) ?? new Set<string>();
        set.add(String(r.service));
        current.set(String(r.scope), set);
      }
      const changes: Array<{ scope: string; changed: string[] }> = [];
      for (const scope of new Set([...current.keys(), ...next.keys()])) {
        const before = current.get(scope) ?? new Set<string>();
        const after = next.get(scope) ?? new Set<string>();
        const added = [...after].filter(s => !before.has(s));
        const removed = [...before].filter(s => !after.has(s));
        if (!added.length && !removed.length) continue;
        changes.push({ scope, changed: [...added, ...removed] });
        for (const chunk of chunks(removed)) {
          await tx('opsdeck_scope_members')
            .where('scope', scope)
            .whereIn('service', chunk)
            .delete();
        }
        for (const chunk of chunks(added)) {
          await tx('opsdeck_scope_members').insert(
            chunk.map(service => ({ scope, service })),
          );
        }
      }
      if (changes.length) await bumpGeneration(tx);
      return changes;
    });
  }
}
