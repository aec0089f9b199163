import {
  DAY_COUNT_FIELDS,
  DoraDayRollup,
  EXACT_QUANTILE_LIMIT,
  ROLLUP_VALUE_KINDS,
  mergeDayRollups,
} from '@opsdeck/backstage-plugin-common';
import { StoredRollup } from '../store/RollupStore';
import { MergeableSketch } from '../rollups/sketch';

/* Pure arithmetic of day rollups: a Component's day with its sketches, and a scope's day after
   some of its members' days changed. */

export function withSketches(row: DoraDayRollup): StoredRollup {
  const sketches: StoredRollup['sketches'] = {};
  for (const kind of ROLLUP_VALUE_KINDS) {
    const values = row.values[kind];
    if (values?.length) sketches[kind] = MergeableSketch.of(values).encode();
  }
  return { ...row, sketches };
}

/** Adds up rows of one day (a scope's members). */
export function mergeStored(
  day: number,
  rows: readonly StoredRollup[],
): StoredRollup {
  return combine(day, rows, []);
}

export interface Delta {
  minus: StoredRollup[];
  plus: StoredRollup[];
}

export function isEmpty(row: StoredRollup): boolean {
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
export function applyDelta(
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
