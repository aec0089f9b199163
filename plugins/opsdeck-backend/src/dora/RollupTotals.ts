import {
  DoraDayCounts,
  DoraQuantiles,
  DoraTotals,
  DoraWindow,
  EXACT_QUANTILE_LIMIT,
  ROLLUP_VALUE_KINDS,
  RollupValueKind,
  exactQuantiles,
  totalsOfDays,
} from '@opsdeck/backstage-plugin-common';
import { decodeValues } from '../store/DatabaseRollupStore';
import { RollupStore } from '../store/RollupStore';
import { MergeableSketch } from '../rollups/sketch';

/**
 * Group and org totals from the daily rollups only (reads; the projection writes them).
 *
 * @internal
 */
export class RollupTotals {
  constructor(private readonly options: { store: RollupStore }) {}

  /** How many Components a group or org scope holds. */
  memberCount(scope: string): Promise<number> {
    return this.options.store.memberCount(scope);
  }

  /** See {@link RollupStore.generation}. */
  generation(): Promise<string> {
    return this.options.store.generation();
  }

  /**
   * The scope's first day with a deployment or an incident (00:00 UTC), null without any: windows
   * start on UTC days, so the day decides as well as the instant whether history precedes one.
   */
  async firstEventAt(scope: string): Promise<number | null> {
    return (await this.options.store.firstEventDay(scope)) ?? null;
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
