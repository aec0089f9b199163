import { PlatformDomainId } from '../platform/domains';
import { DoraTier } from './benchmarks';
import { DoraMetricName } from './scopeServices';

/**
 * What a weak or worsening metric commonly signals, what tends to help, and which platform
 * domains offer the help. Defaults below; `opsdeck.dora.guidance.<metric>` overrides them.
 *
 * @public
 */
export interface DoraGuidance {
  /** What the metric commonly signals when it is weak. */
  meaning: string;
  /** What tends to help. */
  helps: string;
  /** The platform domains whose owners, offers and golden paths address it. */
  domains: PlatformDomainId[];
}

/**
 * OpsDeck's default guidance per metric.
 *
 * @public
 */
export const DEFAULT_DORA_GUIDANCE: Record<DoraMetricName, DoraGuidance> = {
  deploymentFrequency: {
    meaning:
      'Infrequent deployments usually signal process or tooling friction: manual steps, approvals, or a pipeline people avoid.',
    helps:
      'Self-service pipelines, trunk-based development with small changes, and fewer hand-offs before production.',
    domains: ['delivery', 'orchestration'],
  },
  changeLeadTime: {
    meaning:
      'A long lead time usually means slow pipelines, or a service too large to ship in small pieces.',
    helps:
      'Faster builds and test suites, smaller batches behind feature flags, and splitting what always ships together.',
    domains: ['delivery'],
  },
  changeFailRate: {
    meaning:
      'A high change fail rate usually points to gaps in CI testing: defects that only production finds.',
    helps:
      'Automated tests in CI, test environments close to production, and progressive rollouts that stop early.',
    domains: ['delivery', 'observability'],
  },
  recoveryTime: {
    meaning:
      'Long recovery usually means too little automation in infrastructure and rollback, or slow deploys.',
    helps:
      'One-click or automatic rollback, infrastructure as code, alerts that fire before users notice, and runbooks.',
    domains: ['delivery', 'orchestration', 'observability', 'operations'],
  },
  reworkRate: {
    meaning:
      'Much unplanned rework usually means defects escape to production and fixes interrupt planned work.',
    helps:
      'Tests that catch regressions before release, and dashboards that show a bad release within minutes.',
    domains: ['delivery', 'observability'],
  },
  mttr: {
    meaning:
      'Slow incident resolution usually means responders lack signals, runbooks or a quick way back.',
    helps:
      'Clear on-call ownership, runbooks linked from alerts, and automated rollback.',
    domains: ['operations', 'observability'],
  },
};

/** Whether a bigger value of the metric is better (only deployment frequency). */
const HIGHER_IS_BETTER: Record<DoraMetricName, boolean> = {
  deploymentFrequency: true,
  changeLeadTime: false,
  changeFailRate: false,
  recoveryTime: false,
  reworkRate: false,
  mttr: false,
};

/**
 * How a metric moved against the previous window, from the reader's point of view.
 *
 * @public
 */
export type DoraTrend = 'better' | 'worse' | 'same' | 'unknown';

/**
 * Compares this window's value with the previous window's: `better`, `worse` or `same`
 * (within 5 % of the previous value), `unknown` when either is missing.
 *
 * @public
 */
export function doraTrend(
  metric: DoraMetricName,
  current: number | null,
  previous: number | null,
): DoraTrend {
  if (current === null || previous === null) return 'unknown';
  const tolerance = Math.abs(previous) * 0.05;
  if (Math.abs(current - previous) <= tolerance) return 'same';
  const up = current > previous;
  return up === HIGHER_IS_BETTER[metric] ? 'better' : 'worse';
}

/**
 * Whether the card should explain a metric: its tier is low or medium, or it got worse than in
 * the previous window.
 *
 * @public
 */
export function needsGuidance(
  tier: DoraTier | null,
  trend: DoraTrend,
): boolean {
  return tier === 'low' || tier === 'medium' || trend === 'worse';
}
