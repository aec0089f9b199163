import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  DAY_COUNT_FIELDS,
  DAY_MS,
  DoraDayCounts,
  DoraDayRollup,
  DoraQuantiles,
  DoraTotals,
  DoraWindow,
  EXACT_QUANTILE_LIMIT,
  ROLLUP_VALUE_KINDS,
  RollupValueKind,
  exactQuantiles,
  mergeDayRollups,
  rollupDays,
  totalsOfDays,
} from '@opsdeck/backstage-plugin-common';
import { pushTo } from '../collections';
import { chunks } from '../store/chunks';
import { DatabaseDoraQueries } from '../store/DatabaseDoraQueries';
import { DatabaseEventStore } from '../store/DatabaseEventStore';
import { isTransientFault } from '../store/database';
import { QueueMark, eachOrAlone } from '../store/workQueue';
import {
  DatabaseRollupStore,
  StoredRollup,
  decodeValues,
} from '../store/DatabaseRollupStore';
import { MergeableSketch } from './sketch';

/** Marks taken per round of the queue. */
const BATCH = 200;

/** Map key of one (scope, day) row. */
const rowKey = (scope: string, day: number) => `${scope}\u0000${day}`;

/** The rollup scope of a service identity's own rows. */
export const serviceScope = (service: string) => `svc:${service}`;

/**
 * Keeps the per-record facts and the daily rollups in step with the records (facts of services
 * ingestion marked first, then the days whose facts changed) and answers group and org totals.
 * Service rows (`svc:`) are re-derived from the per-record facts of the days that changed;
 * group/org rows add up their members' service rows, so an ownership change rebuilds them
 * without reading a single event.
 *
 * @internal
 */
export class RollupService {
  private running: Promise<number> | undefined;
  private again = false;

  constructor(
    private readonly options: {
      store: DatabaseRollupStore;
      queries: DatabaseDoraQueries;
      /** Re-derives facts ingestion left pending (before their days are rolled up). */
      facts: Pick<DatabaseEventStore, 'refreshPendingFacts'>;
      rulesHash: string;
      logger: LoggerService;
    },
  ) {}

  /**
   * Works through the queue of changed days; concurrent calls share one run (and a call made
   * during a run gets another round). Returns how many days were re-derived.
   */
  catchUp(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      let total = 0;
      do {
        this.again = false;
        total += await this.drain();
      } while (this.again);
      return total;
    };
    this.running = run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    const { store, facts } = this.options;
    await facts.refreshPendingFacts();
    let total = 0;
    for (;;) {
      const marks = await store.takeDirty(BATCH);
      if (!marks.length) return total;
      total += await eachOrAlone(
        marks,
        group => this.rederive(group),
        (failed, error) => store.failDirty(failed, error),
        isTransientFault,
      );
      // Let waiting requests in between rounds (better-sqlite3 answers synchronously).
      await new Promise(resolve => setImmediate(resolve));
    }
  }

  /**
   * Re-derives the service rows of these days, then applies the difference to every group/org
   * row they feed — a change costs the same however many services a scope holds. One
   * transaction; if another runner cleared the marks meanwhile, it is rolled back.
   */
  private async rederive(marks: readonly QueueMark[]): Promise<void> {
    const { store, queries, rulesHash } = this.options;
    const byService = new Map<string, number[]>();
    for (const m of marks) {
      pushTo(byService, m.service, m.day!);
    }
    // New service rows: reads only, outside the transaction.
    const fresh = new Map<string, Map<number, StoredRollup>>();
    const allDays = [...new Set(marks.map(m => m.day!))];
    const from = Math.min(...allDays);
    const to = Math.max(...allDays) + DAY_MS;
    // Recent days (a live feed): one read for all services; days spread out: one per service.
    const perService =
      to - from > 14 * DAY_MS
        ? [...byService.keys()].map(service => [service])
        : chunks([...byService.keys()], 200);
    for (const services of perService) {
      const span =
        services.length === 1
          ? {
              from: Math.min(...byService.get(services[0])!),
              to: Math.max(...byService.get(services[0])!) + DAY_MS,
            }
          : { from, to };
      const read = await queries.readServicesFacts(services, span);
      for (const service of services) {
        const { facts, pendingSentAt } = read.get(service)!;
        const wanted = new Set(byService.get(service));
        fresh.set(
          service,
          new Map(
            rollupDays(facts, pendingSentAt)
              .filter(r => wanted.has(r.day))
              .map(r => [r.day, withSketches(r)]),
          ),
        );
      }
    }
    try {
      await store.transaction(async tx => {
        const services = [...byService.keys()];
        const old = new Map<string, StoredRollup>();
        for (const { scope, rollup } of await tx.readRows(
          services.map(serviceScope),
          allDays,
        )) {
          old.set(rowKey(scope, rollup.day), rollup);
        }
        const writes: Array<{
          scope: string;
          day: number;
          rollup?: StoredRollup;
        }> = [];
        for (const [service, days] of byService) {
          for (const day of days) {
            writes.push({
              scope: serviceScope(service),
              day,
              rollup: fresh.get(service)!.get(day),
            });
          }
        }
        const deltas = new Map<string, Map<number, Delta>>();
        for (const { scope, service } of await tx.membershipsOf(services)) {
          const byDay = deltas.get(scope) ?? new Map<number, Delta>();
          deltas.set(scope, byDay);
          for (const day of byService.get(service)!) {
            const delta = byDay.get(day) ?? { minus: [], plus: [] };
            byDay.set(day, delta);
            const before = old.get(rowKey(serviceScope(service), day));
            const after = fresh.get(service)!.get(day);
            if (before) delta.minus.push(before);
            if (after) delta.plus.push(after);
          }
        }
        const current = new Map<string, StoredRollup>();
        for (const { scope, rollup } of await tx.readRows(
          [...deltas.keys()],
          allDays,
        )) {
          current.set(rowKey(scope, rollup.day), rollup);
        }
        for (const [scope, byDay] of deltas) {
          for (const [day, delta] of byDay) {
            const next = applyDelta(
              day,
              current.get(rowKey(scope, day)),
              delta,
            );
            writes.push({
              scope,
              day,
              rollup: isEmpty(next) ? undefined : next,
            });
          }
        }
        await tx.writeMany(writes, rulesHash);
        if ((await tx.clearDirty(marks)) !== marks.length) {
          throw new ConflictError('Another runner re-derived these days');
        }
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  /** Adds up a group/org scope's members' service rows on these days. */
  async rebuildScopeDays(scope: string, days: readonly number[]) {
    const { store, rulesHash } = this.options;
    const members = (await store.membersOf(scope)).map(serviceScope);
    const rows = await store.readRows(members, days);
    const byDay = new Map<number, StoredRollup[]>();
    for (const { rollup } of rows) {
      pushTo(byDay, rollup.day, rollup);
    }
    const merged = [...byDay].map(([day, list]) => mergeStored(day, list));
    await store.writeDays(scope, days, merged, rulesHash);
  }

  /**
   * Applies new scope memberships (from the catalog): each scope that gained or lost services
   * is rebuilt on the days those services have rows; scopes that are gone are deleted.
   */
  async applyMembership(
    members: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<number> {
    const { store } = this.options;
    const changes = await store.replaceMembers(members);
    for (const { scope, changed } of changes) {
      if (!members.has(scope)) {
        await store.deleteScope(scope);
        continue;
      }
      const days = await store.daysOf(changed.map(serviceScope));
      await this.rebuildScopeDays(scope, days);
    }
    return changes.length;
  }

  /**
   * Re-derives every service day (new rules, or an admin's rebuild), then recomputes every
   * group/org row from its members' rows, so no difference applied earlier can linger.
   */
  async rebuildAll(): Promise<number> {
    const { store } = this.options;
    await store.markAllDirty();
    const days = await this.catchUp();
    for (const scope of await store.scopes()) {
      const members = (await store.membersOf(scope)).map(serviceScope);
      await this.rebuildScopeDays(
        scope,
        await store.daysOf([scope, ...members]),
      );
    }
    return days;
  }

  /**
   * The totals of a group/org scope for a window, from its daily rows only: counts add up, and
   * each value set is exact up to {@link EXACT_QUANTILE_LIMIT} values, else merged sketches.
   */
  async totals(
    scope: string,
    windows: readonly DoraWindow[],
  ): Promise<DoraTotals[]> {
    const { store } = this.options;
    const from = Math.min(...windows.map(w => w.from));
    const to = Math.max(...windows.map(w => w.to));
    const counts = await store.readCounts(scope, { from, to });
    const firstSentDay = await store.firstSentDay(scope);
    // Decide per window and value set which form it needs, then read each form once.
    const needs: Record<
      'values' | 'sketch',
      Map<RollupValueKind, Set<number>>
    > = { values: new Map(), sketch: new Map() };
    const formOf = (kind: RollupValueKind, days: readonly DoraDayCounts[]) =>
      days.reduce((n, d) => n + d.valueCounts[kind], 0) <= EXACT_QUANTILE_LIMIT
        ? 'values'
        : 'sketch';
    const inWindow = (w: DoraWindow) =>
      counts.filter(c => c.day >= w.from && c.day < w.to);
    for (const w of windows) {
      const days = inWindow(w);
      for (const kind of ROLLUP_VALUE_KINDS) {
        const form = formOf(kind, days);
        const set = needs[form].get(kind) ?? new Set<number>();
        days.filter(d => d.valueCounts[kind] > 0).forEach(d => set.add(d.day));
        needs[form].set(kind, set);
      }
    }
    const loaded = new Map<string, string | null>();
    for (const form of ['values', 'sketch'] as const) {
      for (const [kind, daySet] of needs[form]) {
        const values = await store.readValues(scope, kind, form, [...daySet]);
        values.forEach((v, d) => {
          loaded.set(`${form}:${kind}:${d}`, v);
          // A day that kept only a sketch (it once held more than the limit): read that instead.
          if (form === 'values' && v === null) {
            const set = needs.sketch.get(kind) ?? new Set<number>();
            needs.sketch.set(kind, set.add(d));
          }
        });
      }
    }
    const parsed = new Map<string, Float64Array>();
    return windows.map(w =>
      totalsOfDays(counts, w, firstSentDay, (kind, days) => {
        const withValues = days.filter(d => d.valueCounts[kind] > 0);
        const form = formOf(kind, days);
        const parts = withValues.map(
          d => loaded.get(`${form}:${kind}:${d.day}`) ?? null,
        );
        if (form === 'values' && parts.every(p => p !== null)) {
          // A day's list serves both its week and the window: decode it once.
          const lists = withValues.map((d, i) => {
            const key = `${kind}:${d.day}`;
            if (!parsed.has(key)) parsed.set(key, decodeValues(parts[i]!));
            return parsed.get(key)!;
          });
          const all = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
          lists.reduce((at, l) => {
            all.set(l, at);
            return at + l.length;
          }, 0);
          return exactQuantiles(all);
        }
        // Sketches, or (rarely) lists and sketches mixed: each list becomes a sketch too.
        return sketchOrNothing(
          kind,
          withValues.map((d, i) => {
            const sketch = loaded.get(`sketch:${kind}:${d.day}`);
            if (sketch) return sketch;
            return form === 'values' && parts[i] !== null
              ? MergeableSketch.of(Array.from(decodeValues(parts[i]!))).encode()
              : null;
          }),
        );
      }),
    );
  }
}

function sketchOrNothing(
  kind: RollupValueKind,
  parts: Array<string | null>,
): DoraQuantiles {
  // Every non-empty day stores a sketch; a missing one would be a bug, so say which.
  if (parts.some(p => p === null)) {
    throw new Error(`OpsDeck rollup lacks a ${kind} sketch; rebuild rollups`);
  }
  return MergeableSketch.quantilesOf(parts as string[]);
}

function withSketches(row: DoraDayRollup): StoredRollup {
  const sketches: StoredRollup['sketches'] = {};
  for (const kind of ROLLUP_VALUE_KINDS) {
    const values = row.values[kind];
    if (values?.length) sketches[kind] = MergeableSketch.of(values).encode();
  }
  return { ...row, sketches };
}

/** Adds up rows of one day (a scope's members). */
function mergeStored(day: number, rows: readonly StoredRollup[]): StoredRollup {
  return combine(day, rows, []);
}

interface Delta {
  minus: StoredRollup[];
  plus: StoredRollup[];
}

function isEmpty(row: StoredRollup): boolean {
  return (
    DAY_COUNT_FIELDS.every(c => row[c] === 0) &&
    ROLLUP_VALUE_KINDS.every(k => row.valueCounts[k] === 0)
  );
}

/** Removes each of `values` once from `list` (a multiset difference). */
function withoutValues(list: readonly number[], values: readonly number[]) {
  const remove = new Map<number, number>();
  values.forEach(v => remove.set(v, (remove.get(v) ?? 0) + 1));
  return list.filter(v => {
    const n = remove.get(v);
    if (!n) return true;
    remove.set(v, n - 1);
    return false;
  });
}

/** A scope's day row after some of its members' rows changed: current − before + after. */
function applyDelta(
  day: number,
  current: StoredRollup | undefined,
  delta: Delta,
): StoredRollup {
  return combine(
    day,
    current ? [current, ...delta.plus] : delta.plus,
    delta.minus,
  );
}

/**
 * Σ plus − Σ minus for one day: counts, value lists (a list any side lacks stays absent) and
 * sketches (each decoded once). Lists above the exact limit are dropped only at the end, so a
 * subtraction can bring a list back under it.
 */
function combine(
  day: number,
  plus: readonly StoredRollup[],
  minus: readonly StoredRollup[],
): StoredRollup {
  const out: StoredRollup = { ...mergeDayRollups(day, plus), sketches: {} };
  for (const before of minus) {
    for (const c of DAY_COUNT_FIELDS) out[c] -= before[c];
  }
  for (const kind of ROLLUP_VALUE_KINDS) {
    out.valueCounts[kind] -= minus.reduce((n, r) => n + r.valueCounts[kind], 0);
    const list = out.values[kind];
    const removed = minus.map(r => r.values[kind]);
    if (out.valueCounts[kind] === 0) out.values[kind] = [];
    else if (list && removed.every(l => l !== undefined)) {
      if (minus.length)
        out.values[kind] = withoutValues(list, removed.flat() as number[]);
    } else delete out.values[kind];
    if (out.valueCounts[kind] > EXACT_QUANTILE_LIMIT) delete out.values[kind];

    if (out.valueCounts[kind] === 0) continue;
    const sketch = new MergeableSketch();
    for (const r of plus) if (r.sketches[kind]) sketch.add(r.sketches[kind]!);
    for (const r of minus)
      if (r.sketches[kind]) sketch.subtract(r.sketches[kind]!);
    out.sketches[kind] = sketch.encode();
  }
  return out;
}
