import {
  BENCHMARK_SETS,
  BenchmarkSet,
  BenchmarkedMetric,
  DoraMetricName,
  DoraTier,
  TierThresholds,
} from '@opsdeck/backstage-plugin-common';
import { OpsDeckT } from '../../translation';
import { formatDuration, formatNumber } from './format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The tiers, best first. */
export const TIERS: readonly DoraTier[] = ['elite', 'high', 'medium', 'low'];

/** A shipped benchmark set by id; undefined for `custom` or an unknown id. */
export function shippedBenchmarkSet(
  id: string | undefined,
): BenchmarkSet | undefined {
  return id && id in BENCHMARK_SETS
    ? BENCHMARK_SETS[id as keyof typeof BENCHMARK_SETS]
    : undefined;
}

/** A threshold duration in whole days or hours where it is one ("7 days", "1 hour"). */
function thresholdDuration(ms: number, t: OpsDeckT): string {
  if (ms % DAY === 0) return t('thresholds.days', { count: ms / DAY });
  if (ms % HOUR === 0) return t('thresholds.hours', { count: ms / HOUR });
  return formatDuration(ms, t);
}

/** One bound as words: what a value must meet (or, for `low`, miss) to be in the tier. */
function boundText(
  thresholds: TierThresholds,
  bound: number,
  meets: boolean,
  t: OpsDeckT,
): string {
  switch (thresholds.comparison) {
    case 'at-least': {
      if (bound >= 1 && meets) {
        return t('thresholds.timesADay', { count: Math.round(bound) });
      }
      const days = Math.max(1, Math.round(1 / bound));
      return meets
        ? t('thresholds.onceEvery', { count: days })
        : t('thresholds.lessThanOnceEvery', { count: days });
    }
    case 'below': {
      const duration = thresholdDuration(bound, t);
      return meets
        ? t('thresholds.below', { duration })
        : t('thresholds.orMore', { duration });
    }
    default: {
      const value = bound * 100;
      const whole = Math.abs(value - Math.round(value)) < 1e-9;
      const percent = t('units.percent', {
        value: formatNumber(value, whole ? 0 : 1),
      });
      return meets
        ? t('thresholds.atMost', { percent })
        : t('thresholds.above', { percent });
    }
  }
}

/**
 * What a value must be to land in a tier under a set, in words ("at most 15.0 %", "less than
 * once every 30 days"); undefined when the set does not tier the metric.
 */
export function tierRangeText(
  set: BenchmarkSet,
  metric: DoraMetricName,
  tier: DoraTier,
  t: OpsDeckT,
): string | undefined {
  const thresholds =
    metric === 'reworkRate'
      ? undefined
      : set.metrics[metric as BenchmarkedMetric];
  if (!thresholds) return undefined;
  if (tier === 'low') return boundText(thresholds, thresholds.medium, false, t);
  return boundText(thresholds, thresholds[tier], true, t);
}
