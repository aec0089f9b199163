import { DoraQuantiles, DoraScopeFacts, DoraTotals } from './metrics';
import { DoraWindow } from './types';
import { startOfUtcDay } from './window';

/**
 * Up to this many values, group and organisation medians are exact (from the rollups' value
 * lists); above it they come from mergeable sketches.
 *
 * @public
 */
export const EXACT_QUANTILE_LIMIT = 10_000;

/**
 * The value sets a rollup keeps for medians.
 *
 * @public
 */
export const ROLLUP_VALUE_KINDS = [
  'leadTimes',
  'recoveries',
  'durations',
] as const;

/**
 * One of {@link ROLLUP_VALUE_KINDS}.
 *
 * @public
 */
export type RollupValueKind = (typeof ROLLUP_VALUE_KINDS)[number];

/**
 * The count fields of {@link DoraDayCounts} (each also a rollup table column).
 *
 * @public
 */
export const DAY_COUNT_FIELDS = [
  'sent',
  'successes',
  'completed',
  'failed',
  'rework',
  'unrecovered',
  'discarded',
  'opened',
  'unresolved',
] as const;

/**
 * The counts of one scope on one UTC day.
 *
 * @public
 */
export interface DoraDayCounts {
  /** 00:00 UTC of the day, epoch ms. */
  day: number;
  /** Deployments sent this day (by finish time, else start time), whatever their status. */
  sent: number;
  /** Successful production deployments. */
  successes: number;
  /** Completed production deployments. */
  completed: number;
  /** Failed ones among them. */
  failed: number;
  /** Unplanned fixes among them. */
  rework: number;
  /** Failed deployments still unrecovered. */
  unrecovered: number;
  /** Failed deployments whose recovery was ≤ 0. */
  discarded: number;
  /** Incidents opened (that count under the rules). */
  opened: number;
  /** Of those, still open. */
  unresolved: number;
  /** How many values each value set holds. */
  valueCounts: Record<RollupValueKind, number>;
}

/**
 * The counts of one scope on one UTC day and the values behind its medians. Storage may leave a
 * value list out when it holds more than {@link EXACT_QUANTILE_LIMIT} values (and keep only a
 * sketch of it).
 *
 * @public
 */
export interface DoraDayRollup extends DoraDayCounts {
  /** The values of each kind; absent where storage kept only a sketch. */
  values: Partial<Record<RollupValueKind, number[]>>;
}

function emptyDay(day: number): DoraDayRollup {
  return {
    day,
    sent: 0,
    successes: 0,
    completed: 0,
    failed: 0,
    rework: 0,
    unrecovered: 0,
    discarded: 0,
    opened: 0,
    unresolved: 0,
    valueCounts: { leadTimes: 0, recoveries: 0, durations: 0 },
    values: { leadTimes: [], recoveries: [], durations: [] },
  };
}

function push(day: DoraDayRollup, kind: RollupValueKind, values: number[]) {
  day.valueCounts[kind] += values.length;
  day.values[kind]?.push(...values);
}

/**
 * Sorts per-record facts into UTC days: deployments by finish time, incidents by open time.
 * `pendingSentAt` are start times of deployments that have not finished (they count as sent).
 * Days without any record are left out.
 *
 * @public
 */
export function rollupDays(
  facts: DoraScopeFacts,
  pendingSentAt: readonly number[] = [],
): DoraDayRollup[] {
  const days = new Map<number, DoraDayRollup>();
  const at = (t: number) => {
    const day = startOfUtcDay(t);
    let row = days.get(day);
    if (!row) {
      row = emptyDay(day);
      days.set(day, row);
    }
    return row;
  };
  for (const t of pendingSentAt) at(t).sent += 1;
  for (const d of facts.deployments) {
    const row = at(d.finishedAt);
    row.sent += 1;
    push(row, 'leadTimes', d.leadTimes);
    if (d.productionSuccess) row.successes += 1;
    if (!d.completedProduction) continue;
    row.completed += 1;
    if (d.rework) row.rework += 1;
    if (!d.failed) continue;
    row.failed += 1;
    if (typeof d.recovery === 'number') push(row, 'recoveries', [d.recovery]);
    else if (d.recovery === 'unrecovered') row.unrecovered += 1;
    else if (d.recovery === 'discarded') row.discarded += 1;
  }
  for (const i of facts.incidents) {
    const row = at(i.openedAt);
    row.opened += 1;
    if (i.unresolved) row.unresolved += 1;
    if (i.duration !== undefined) push(row, 'durations', [i.duration]);
  }
  return [...days.values()].sort((a, b) => a.day - b.day);
}

/**
 * Adds up rollups of the same day (e.g. a team's services): counts add, value lists concatenate
 * (a list missing from any input is missing from the sum). Records are never shared between the
 * inputs, so nothing is counted twice.
 *
 * @public
 */
export function mergeDayRollups(
  day: number,
  rows: readonly DoraDayRollup[],
): DoraDayRollup {
  const out = emptyDay(day);
  for (const row of rows) {
    for (const field of DAY_COUNT_FIELDS) out[field] += row[field];
    for (const kind of ROLLUP_VALUE_KINDS) {
      out.valueCounts[kind] += row.valueCounts[kind];
      const values = row.values[kind];
      const sum = out.values[kind];
      // concat, not push(...values): a spread of many thousand values overflows the stack.
      if (values === undefined || sum === undefined) delete out.values[kind];
      else out.values[kind] = sum.concat(values);
    }
  }
  return out;
}

/**
 * Sums daily counts inside a window into {@link DoraTotals}; the caller supplies each value set
 * (exact from the lists, or merged sketches above {@link EXACT_QUANTILE_LIMIT}).
 *
 * @public
 */
export function totalsOfDays(
  rows: readonly DoraDayCounts[],
  window: DoraWindow,
  /** The earliest day the scope sent a deployment; absent if never. */
  firstSentDay: number | undefined,
  valuesOf: (
    kind: RollupValueKind,
    days: readonly DoraDayCounts[],
  ) => DoraQuantiles,
): DoraTotals {
  const days = rows.filter(r => r.day >= window.from && r.day < window.to);
  const sum = (f: (r: DoraDayCounts) => number) =>
    days.reduce((n, r) => n + f(r), 0);
  return {
    everSent: firstSentDay !== undefined && firstSentDay < window.to,
    successes: sum(r => r.successes),
    deploymentDays: days.filter(r => r.successes > 0).length,
    completed: sum(r => r.completed),
    failed: sum(r => r.failed),
    rework: sum(r => r.rework),
    unrecovered: sum(r => r.unrecovered),
    discarded: sum(r => r.discarded),
    opened: sum(r => r.opened),
    unresolved: sum(r => r.unresolved),
    leadTimes: valuesOf('leadTimes', days),
    recoveries: valuesOf('recoveries', days),
    durations: valuesOf('durations', days),
  };
}
