import { DAY_MS } from './window';

const HOUR_MS = 3_600_000;

/**
 * A performance tier, best first.
 *
 * @public
 */
export type DoraTier = 'elite' | 'high' | 'medium' | 'low';

/**
 * The metrics a benchmark set may tier.
 *
 * @public
 */
export type BenchmarkedMetric =
  | 'deploymentFrequency'
  | 'changeLeadTime'
  | 'changeFailRate'
  | 'recoveryTime'
  | 'mttr';

/**
 * Thresholds for one metric, best tier first; a value that meets none is `low`.
 * `at-least`: value ≥ bound (deployments per day). `below`: value \< bound (durations, ms).
 * `at-most`: value ≤ bound (rates, 0–1).
 *
 * @public
 */
export interface TierThresholds {
  /** How a value is compared with the bounds. */
  comparison: 'at-least' | 'below' | 'at-most';
  /** Bound for elite. */
  elite: number;
  /** Bound for high. */
  high: number;
  /** Bound for medium; a value that misses it is low. */
  medium: number;
}

/**
 * A benchmark set: how values map to tiers. A metric it leaves out is not benchmarked.
 *
 * @public
 */
export interface BenchmarkSet {
  /** `dora-2023`, `dora-2021`, `none` or `custom`. */
  id: string;
  /** What the set is, for people: the report it reads. */
  description: string;
  /** Thresholds per metric; a metric left out is not benchmarked. */
  metrics: Partial<Record<BenchmarkedMetric, TierThresholds>>;
}

const RECOVERY_2021_2023: TierThresholds = {
  /** How a value is compared with the bounds. */
  comparison: 'below',
  /** Bound for elite. */
  elite: HOUR_MS,
  /** Bound for high. */
  high: DAY_MS,
  /** Bound for medium; a value that misses it is low. */
  medium: 7 * DAY_MS,
};

/**
 * The benchmark sets OpsDeck ships: OpsDeck's monotonic readings of the Accelerate State of
 * DevOps reports (DORA, Google Cloud). `none` gives numbers and trends only.
 *
 * @public
 */
export const BENCHMARK_SETS: Readonly<
  Record<'dora-2023' | 'dora-2021' | 'none', BenchmarkSet>
> = {
  'dora-2023': {
    id: 'dora-2023',
    description: 'Accelerate State of DevOps 2023 (OpsDeck reading)',
    metrics: {
      deploymentFrequency: {
        comparison: 'at-least',
        elite: 1,
        high: 1 / 7,
        medium: 1 / 30,
      },
      changeLeadTime: {
        comparison: 'below',
        elite: DAY_MS,
        high: 7 * DAY_MS,
        medium: 30 * DAY_MS,
      },
      changeFailRate: {
        comparison: 'at-most',
        elite: 0.05,
        high: 0.1,
        medium: 0.15,
      },
      recoveryTime: RECOVERY_2021_2023,
      mttr: RECOVERY_2021_2023,
    },
  },
  'dora-2021': {
    id: 'dora-2021',
    description: 'Accelerate State of DevOps 2021 (OpsDeck reading)',
    metrics: {
      deploymentFrequency: {
        comparison: 'at-least',
        elite: 1,
        high: 1 / 30,
        medium: 1 / 182,
      },
      changeLeadTime: {
        comparison: 'below',
        elite: HOUR_MS,
        high: 7 * DAY_MS,
        medium: 182 * DAY_MS,
      },
      changeFailRate: {
        comparison: 'at-most',
        elite: 0.15,
        high: 0.3,
        medium: 0.45,
      },
      recoveryTime: RECOVERY_2021_2023,
      mttr: RECOVERY_2021_2023,
    },
  },
  none: {
    id: 'none',
    description: 'No tiers: numbers and trends only, as dora.dev now advises',
    metrics: {},
  },
};

/**
 * The default benchmark set.
 *
 * @public
 */
export const DEFAULT_BENCHMARK_SET = BENCHMARK_SETS['dora-2023'];

/**
 * Builds the `custom` set from `opsdeck.dora.customThresholds`, checking that each metric's
 * thresholds are monotonic (elite strictest). Throws a `TypeError` naming the metric otherwise.
 *
 * @public
 */
export function createCustomBenchmarkSet(
  /** Thresholds per metric; a metric left out is not benchmarked. */
  metrics: Partial<Record<BenchmarkedMetric, TierThresholds>>,
): BenchmarkSet {
  for (const [metric, t] of Object.entries(metrics)) {
    if (!t) continue;
    const values = [t.elite, t.high, t.medium];
    if (
      values.some(v => typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    ) {
      throw new TypeError(
        `customThresholds.${metric}: elite, high and medium must be numbers ≥ 0`,
      );
    }
    const ordered =
      t.comparison === 'at-least'
        ? t.elite >= t.high && t.high >= t.medium
        : t.elite <= t.high && t.high <= t.medium;
    if (!ordered) {
      throw new TypeError(
        `customThresholds.${metric}: thresholds must go from the strictest (elite) to the loosest (medium)`,
      );
    }
  }
  return {
    id: 'custom',
    description: 'Custom thresholds from opsdeck.dora.customThresholds',
    metrics,
  };
}

/**
 * The tier of a value under a benchmark set, or `null` with reason `not-benchmarked` when the
 * set has no thresholds for the metric.
 *
 * @public
 */
export function tierOf(
  set: BenchmarkSet,
  metric: BenchmarkedMetric | 'reworkRate',
  value: number,
): { tier: DoraTier | null; tierReason?: 'not-benchmarked' } {
  const t = metric === 'reworkRate' ? undefined : set.metrics[metric];
  if (!t) return { tier: null, tierReason: 'not-benchmarked' };
  const meets = (bound: number) => {
    if (t.comparison === 'at-least') return value >= bound;
    if (t.comparison === 'below') return value < bound;
    return value <= bound;
  };
  if (meets(t.elite)) return { tier: 'elite' };
  if (meets(t.high)) return { tier: 'high' };
  if (meets(t.medium)) return { tier: 'medium' };
  return { tier: 'low' };
}
