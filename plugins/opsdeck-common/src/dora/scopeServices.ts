import { DerivationState } from './answers';
import { ScopeRef } from '../coverage/scopeCoverage';
import { DoraTier } from './benchmarks';
import { DoraMetrics } from './metrics';
import { DoraNullReason, DoraWindow } from './types';

/**
 * The five DORA metrics and MTTR, in the order OpsDeck shows them.
 *
 * @public
 */
export const DORA_METRIC_NAMES = [
  'deploymentFrequency',
  'changeLeadTime',
  'changeFailRate',
  'recoveryTime',
  'reworkRate',
  'mttr',
] as const;

/**
 * One of {@link DORA_METRIC_NAMES}.
 *
 * @public
 */
export type DoraMetricName = (typeof DORA_METRIC_NAMES)[number];

/**
 * A metric's headline only: value (or null with its reason) and tier.
 *
 * @public
 */
export interface DoraHeadline {
  /** The headline number, or null when there is nothing to measure. */
  value: number | null;
  /** Why the value is null. */
  reason?: DoraNullReason;
  /** Tier under the benchmark set; null without a value or a benchmark. */
  tier: DoraTier | null;
}

/**
 * One service in a team's or the organisation's service table.
 *
 * @public
 */
export interface ScopeServiceRow {
  /** The service (a Component). */
  entityRef: string;
  /** `metadata.title`, when set. */
  title?: string;
  /** The owning group, as its ref. */
  owner?: string;
  /** Its System, as its ref. */
  system?: string;
  /** Integration coverage, 0–100 rounded down; null when nothing applies. */
  coverage: number | null;
  /** The ids of the applicable integrations it lacks. */
  missing: string[];
  /** Each metric's headline for the window. */
  dora: Record<DoraMetricName, DoraHeadline>;
}

/**
 * The answer of `GET /groups/{namespace}/{name}/services` and `GET /org/services`.
 *
 * @public
 */
export interface ScopeServices extends DerivationState {
  /** What was listed. */
  scope: ScopeRef;
  /** The window measured, `[from, to)`. */
  window: DoraWindow & { days: number };
  /** Id of the benchmark set used. */
  benchmark: string;
  /** The scope's Components, by ref. */
  services: ScopeServiceRow[];
}

/**
 * The headlines of a window's metrics, for a service table.
 *
 * @public
 */
export function doraHeadlines(
  metrics: DoraMetrics,
): Record<DoraMetricName, DoraHeadline> {
  return Object.fromEntries(
    DORA_METRIC_NAMES.map(name => {
      const { value, reason, tier } = metrics[name];
      return [name, { value, ...(reason ? { reason } : {}), tier }];
    }),
  ) as Record<DoraMetricName, DoraHeadline>;
}

/**
 * How many services fall in each tier of one metric; `none` counts those without a tier.
 *
 * @public
 */
export type TierCounts = Record<DoraTier | 'none', number>;

/**
 * The distribution of tiers across services, per metric — what the org overview shows instead
 * of a leaderboard.
 *
 * @public
 */
export function tierDistribution(
  rows: readonly Pick<ScopeServiceRow, 'dora'>[],
): Record<DoraMetricName, TierCounts> {
  return Object.fromEntries(
    DORA_METRIC_NAMES.map(name => {
      const counts: TierCounts = {
        elite: 0,
        high: 0,
        medium: 0,
        low: 0,
        none: 0,
      };
      for (const row of rows) counts[row.dora[name].tier ?? 'none'] += 1;
      return [name, counts];
    }),
  ) as Record<DoraMetricName, TierCounts>;
}
