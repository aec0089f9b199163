import { PlatformDomainId } from '../platform/domains';
import { DoraTier } from './benchmarks';
import { DoraMetricName } from './scopeServices';
import { DoraMetrics } from './metrics';

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
 * How a metric moved against the previous window, from the reader's point of view:
 * `not-enough-history` when the two windows cannot be compared honestly.
 *
 * @public
 */
export type DoraTrend = 'better' | 'worse' | 'same' | 'not-enough-history';

/**
 * Why two windows cannot be compared.
 *
 * @public
 */
export type DoraTrendReason =
  /** The scope's first event falls inside the previous window or later. */
  | 'history-starts-late'
  /** A window holds fewer than {@link MIN_VALUES_TO_COMPARE} values of the metric. */
  | 'too-few-values';

/**
 * The comparison of one metric with the previous window.
 *
 * @public
 */
export interface DoraComparison {
  /** How the metric moved, or that the windows cannot be compared. */
  trend: DoraTrend;
  /** Why the windows are not compared (`trend` is `not-enough-history`). */
  reason?: DoraTrendReason;
}

/**
 * Each window needs at least this many values of a metric before the two are compared.
 *
 * @public
 */
export const MIN_VALUES_TO_COMPARE = 5;

/** A rate moves by this much (0–1) before it counts as better or worse: 10 percentage points. */
const RATE_STEP = 0.1;
/** A duration or frequency moves by this share before it counts as better or worse. */
const RELATIVE_STEP = 0.5;

const TIER_RANK: Record<DoraTier, number> = {
  low: 0,
  medium: 1,
  high: 2,
  elite: 3,
};

/**
 * How many values a metric of a window is made of (deployments, lead times, recoveries, …).
 *
 * @public
 */
export function valuesBehind(
  metrics: DoraMetrics,
  name: DoraMetricName,
): number {
  switch (name) {
    case 'deploymentFrequency':
      return metrics.deploymentFrequency.detail.count;
    case 'changeLeadTime':
      return metrics.changeLeadTime.detail.count;
    case 'changeFailRate':
      return metrics.changeFailRate.detail.completed;
    case 'reworkRate':
      return metrics.reworkRate.detail.completed;
    case 'recoveryTime':
      return metrics.recoveryTime.detail.recovered;
    default:
      return metrics.mttr.detail.resolved;
  }
}

/**
 * DESIGN.md's "Trends" rule. Two windows are compared only when the scope's first event precedes
 * the previous window and each window holds at least {@link MIN_VALUES_TO_COMPARE} values of the
 * metric. Then a metric is `worse` when its tier drops, or a rate worsens by ≥ 10 percentage
 * points, or a duration or frequency by ≥ 50 %; `better` by the same steps the other way; else
 * `same`.
 *
 * @param firstEventAt - the scope's earliest event (epoch ms), null without any
 * @public
 */
export function compareWindows(
  name: DoraMetricName,
  current: DoraMetrics,
  previous: DoraMetrics,
  firstEventAt: number | null,
): DoraComparison {
  if (firstEventAt === null || firstEventAt >= previous.window.from) {
    return { trend: 'not-enough-history', reason: 'history-starts-late' };
  }
  const now = current[name];
  const before = previous[name];
  if (
    now.value === null ||
    before.value === null ||
    valuesBehind(current, name) < MIN_VALUES_TO_COMPARE ||
    valuesBehind(previous, name) < MIN_VALUES_TO_COMPARE
  ) {
    return { trend: 'not-enough-history', reason: 'too-few-values' };
  }
  if (now.tier && before.tier && now.tier !== before.tier) {
    return {
      trend: TIER_RANK[now.tier] < TIER_RANK[before.tier] ? 'worse' : 'better',
    };
  }
  const higherIsBetter = HIGHER_IS_BETTER[name];
  if (name === 'changeFailRate' || name === 'reworkRate') {
    // Rounded to 1e-9 so 30 % − 20 % counts as the 10 points it is.
    const gain = Math.round((before.value - now.value) * 1e9) / 1e9;
    if (gain >= RATE_STEP) return { trend: 'better' };
    if (-gain >= RATE_STEP) return { trend: 'worse' };
    return { trend: 'same' };
  }
  if (now.value === before.value) return { trend: 'same' };
  const up = now.value >= before.value * (1 + RELATIVE_STEP);
  const down = now.value <= before.value * (1 - RELATIVE_STEP);
  if (up || down) {
    return { trend: up === higherIsBetter ? 'better' : 'worse' };
  }
  return { trend: 'same' };
}

/**
 * Every metric of an answer against the previous window (see {@link compareWindows}).
 *
 * @public
 */
export function compareAnswer(answer: {
  current: DoraMetrics;
  previous: DoraMetrics;
  firstEventAt?: number | null;
}): Record<DoraMetricName, DoraComparison> {
  const names = Object.keys(HIGHER_IS_BETTER) as DoraMetricName[];
  return Object.fromEntries(
    names.map(name => [
      name,
      compareWindows(
        name,
        answer.current,
        answer.previous,
        answer.firstEventAt ?? null,
      ),
    ]),
  ) as Record<DoraMetricName, DoraComparison>;
}

/**
 * Whether the card should explain a metric: its tier is low or medium, or it got worse than in
 * the previous window (by {@link compareWindows}).
 *
 * @public
 */
export function needsGuidance(
  tier: DoraTier | null,
  trend: DoraTrend,
): boolean {
  return tier === 'low' || tier === 'medium' || trend === 'worse';
}
