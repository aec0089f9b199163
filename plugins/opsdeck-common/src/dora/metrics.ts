import {
  BenchmarkSet,
  BenchmarkedMetric,
  DEFAULT_BENCHMARK_SET,
  DoraTier,
  tierOf,
} from './benchmarks';
import { DoraFacts, DoraRules } from './facts';
import { percentileOfSorted } from './percentiles';
import { DoraDeployment, DoraInput, DoraNullReason, DoraWindow } from './types';
import { DAY_MS } from './window';

/**
 * One metric: its headline value (null with a reason when there is nothing to measure), its
 * tier under the benchmark set, and the counts behind it.
 *
 * @public
 */
export interface DoraMetric<D> {
  /** The headline number, or null when there is nothing to measure. */
  value: number | null;
  /** Why the value is null. */
  reason?: DoraNullReason;
  /** Tier under the benchmark set; null without a value or a benchmark. */
  tier: DoraTier | null;
  /** Why there is no tier although there is a value. */
  tierReason?: 'not-benchmarked';
  /** The counts behind the value. */
  detail: D;
}

/**
 * The five DORA metrics and MTTR for one scope and window.
 *
 * @public
 */
export interface DoraMetrics {
  /** The window measured, `[from, to)`. */
  window: DoraWindow & { days: number };
  /** Id of the benchmark set used. */
  benchmark: string;
  /** value = successful production deployments per day. */
  deploymentFrequency: DoraMetric<{
    count: number;
    perDay: number;
    perWeek: number;
    deploymentDays: number;
  }>;
  /** value = median commit-to-production time, ms. */
  changeLeadTime: DoraMetric<{
    median: number | null;
    p90: number | null;
    count: number;
  }>;
  /** value = failed ÷ completed production deployments. */
  changeFailRate: DoraMetric<{ failed: number; completed: number }>;
  /** value = median failed-deployment recovery time, ms. */
  recoveryTime: DoraMetric<{
    failed: number;
    recovered: number;
    unrecovered: number;
    discarded: number;
  }>;
  /** value = unplanned-fix ÷ completed production deployments. */
  reworkRate: DoraMetric<{ rework: number; completed: number }>;
  /** value = median incident open-to-resolve time, ms. */
  mttr: DoraMetric<{ opened: number; resolved: number; unresolved: number }>;
}

/**
 * Options of {@link computeDoraMetrics}.
 *
 * @public
 */
export interface DoraOptions extends DoraRules {
  /** The window measured, `[from, to)`. */
  window: DoraWindow;
  /** Id of the benchmark set used. */
  benchmark?: BenchmarkSet;
}

function metric<D>(
  set: BenchmarkSet,
  name: BenchmarkedMetric | 'reworkRate',
  /** The headline number, or null when there is nothing to measure. */
  value: number | null | undefined,
  /** Why the value is null. */
  reason: DoraNullReason,
  /** The counts behind the value. */
  detail: D,
): DoraMetric<D> {
  if (value === null || value === undefined) {
    return { value: null, reason, tier: null, detail };
  }
  return { value, ...tierOf(set, name, value), detail };
}

/**
 * What one deployment contributes to the metrics, derived from the whole history (rollbacks,
 * attributed incidents, first-shipped changes). Stored per deployment, so a window's metrics
 * can be computed from the window's rows alone.
 *
 * @public
 */
export interface DeploymentFacts {
  /** Record key of the deployment. */
  key: string;
  /** Finish time, epoch ms (facts exist only for finished deployments). */
  finishedAt: number;
  /** Counts for deployment frequency. */
  productionSuccess: boolean;
  /** Counts in the denominator of change fail rate and rework rate. */
  completedProduction: boolean;
  /** Failed: status failure, rolled back, or with an attributed incident. */
  failed: boolean;
  /** An unplanned fix. */
  rework: boolean;
  /** For failed deployments: time to recovery (ms), or why there is none. */
  recovery?: number | 'unrecovered' | 'discarded';
  /** Lead times (ms, \> 0) of the changes this deployment shipped first. */
  leadTimes: number[];
}

/**
 * What one incident contributes to MTTR.
 *
 * @public
 */
export interface IncidentFacts {
  /** Record key of the incident. */
  key: string;
  /** Open time, epoch ms. */
  openedAt: number;
  /** Resolve − open, ms; absent while unresolved (or resolved before it opened). */
  duration?: number;
  /** Still open. */
  unresolved: boolean;
}

/**
 * Per-record facts of a scope: the part of the DORA computation that needs the history.
 *
 * @public
 */
export interface DoraScopeFacts {
  /** Facts of finished deployments. */
  deployments: DeploymentFacts[];
  /** Facts of the incidents that count. */
  incidents: IncidentFacts[];
  /** Earliest time the scope sent any deployment (finish, else start); absent if none. */
  firstSentAt?: number;
}

/**
 * Derives the per-record facts of a scope from its whole history.
 *
 * @public
 */
export function deriveDoraFacts(
  input: DoraInput | DoraFacts,
  rules: DoraRules = {},
): DoraScopeFacts {
  const facts =
    input instanceof DoraFacts ? input : new DoraFacts(input, rules);
  const leadTimes = new Map<string, number[]>();
  for (const { deployment, time } of facts.firstShipped.values()) {
    const value = deployment.finishedAt! - time;
    if (value <= 0) continue;
    const list = leadTimes.get(deployment.key) ?? [];
    list.push(value);
    leadTimes.set(deployment.key, list);
  }

  const deployments: DeploymentFacts[] = [];
  let firstSentAt: number | undefined;
  for (const d of facts.deployments) {
    // A pending deployment without a start time has no instant to count from.
    const sent = d.finishedAt ?? d.startedAt;
    if (sent !== undefined)
      firstSentAt =
        firstSentAt === undefined ? sent : Math.min(firstSentAt, sent);
    if (d.finishedAt === undefined) continue;
    const completedProduction = facts.isCompletedProduction(d);
    const failed = completedProduction && facts.isFailed(d);
    deployments.push({
      key: d.key,
      finishedAt: d.finishedAt,
      productionSuccess: completedProduction && d.status === 'success',
      completedProduction,
      failed,
      rework: completedProduction && facts.isRework(d),
      ...(failed ? { recovery: recoveryOf(facts, d) } : {}),
      leadTimes: leadTimes.get(d.key) ?? [],
    });
  }

  const incidents = facts.incidents.map(i => ({
    key: i.key,
    openedAt: i.openedAt,
    ...(i.resolvedAt !== undefined && i.resolvedAt >= i.openedAt
      ? { duration: i.resolvedAt - i.openedAt }
      : {}),
    unresolved: i.resolvedAt === undefined,
  }));
  return {
    deployments,
    incidents,
    ...(firstSentAt === undefined ? {} : { firstSentAt }),
  };
}

function recoveryOf(
  facts: DoraFacts,
  d: DoraDeployment,
): number | 'unrecovered' | 'discarded' {
  const incidents = facts.attributed.get(d.key);
  let recoveredAt: number | undefined;
  if (incidents?.length) {
    recoveredAt = incidents.some(i => i.resolvedAt === undefined)
      ? undefined
      : Math.max(...incidents.map(i => i.resolvedAt!));
  } else {
    recoveredAt = facts.nextSuccessAfter(d)?.finishedAt;
  }
  if (recoveredAt === undefined) return 'unrecovered';
  return recoveredAt - d.finishedAt! <= 0
    ? 'discarded'
    : recoveredAt - d.finishedAt!;
}

/**
 * A set of values that answers quantiles: exact over a list, or approximate from a sketch.
 *
 * @public
 */
export interface DoraQuantiles {
  /** How many values. */
  readonly count: number;
  /** The p-quantile (rank = p × (n − 1)); `undefined` without values. */
  quantile(p: number): number | undefined;
}

/**
 * Exact quantiles of a list of values (see {@link percentileOfSorted}).
 *
 * @public
 */
export function exactQuantiles(values: ArrayLike<number>): DoraQuantiles {
  // A typed array sorts numerically without a comparator, several times faster.
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    quantile: p => percentileOfSorted(sorted, p),
  };
}

/**
 * Everything a window's metrics are made of: counts and the value sets behind the medians.
 * Built from per-record facts (an entity) or from daily rollups (groups, the organisation).
 *
 * @public
 */
export interface DoraTotals {
  /** The scope sent any deployment before the window's end. */
  everSent: boolean;
  /** Successful production deployments. */
  successes: number;
  /** Distinct UTC dates with a successful production deployment. */
  deploymentDays: number;
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
  /** Lead times of changes first shipped in the window, ms. */
  leadTimes: DoraQuantiles;
  /** Recovery times of failed deployments, ms. */
  recoveries: DoraQuantiles;
  /** Open-to-resolve times of incidents, ms. */
  durations: DoraQuantiles;
}

/**
 * The per-record facts inside a window, summed into {@link DoraTotals}.
 *
 * @public
 */
export function totalsOfFacts(
  facts: DoraScopeFacts,
  window: DoraWindow,
): DoraTotals {
  const { from, to } = window;
  const inWindow = (t: number) => t >= from && t < to;
  const deployments = facts.deployments.filter(d => inWindow(d.finishedAt));
  const shipped = deployments.filter(d => d.productionSuccess);
  const completed = deployments.filter(d => d.completedProduction);
  const failed = completed.filter(d => d.failed);
  const opened = facts.incidents.filter(i => inWindow(i.openedAt));
  return {
    everSent: facts.firstSentAt !== undefined && facts.firstSentAt < to,
    successes: shipped.length,
    deploymentDays: new Set(shipped.map(d => Math.floor(d.finishedAt / DAY_MS)))
      .size,
    completed: completed.length,
    failed: failed.length,
    rework: completed.filter(d => d.rework).length,
    unrecovered: failed.filter(d => d.recovery === 'unrecovered').length,
    discarded: failed.filter(d => d.recovery === 'discarded').length,
    opened: opened.length,
    unresolved: opened.filter(i => i.unresolved).length,
    // Change lead time: each change once, at the first successful production deployment shipping it.
    leadTimes: exactQuantiles(deployments.flatMap(d => d.leadTimes)),
    recoveries: exactQuantiles(
      failed.flatMap(d => (typeof d.recovery === 'number' ? [d.recovery] : [])),
    ),
    durations: exactQuantiles(
      opened.flatMap(i => (i.duration === undefined ? [] : [i.duration])),
    ),
  };
}

/**
 * The metrics of a window from its totals: values, tiers, and the reason when a value is null.
 *
 * @public
 */
export function metricsFromTotals(
  totals: DoraTotals,
  options: { window: DoraWindow; benchmark?: BenchmarkSet },
): DoraMetrics {
  const set = options.benchmark ?? DEFAULT_BENCHMARK_SET;
  const { from, to } = options.window;
  const days = (to - from) / DAY_MS;
  const t = totals;

  const deploymentFrequency = metric(
    set,
    'deploymentFrequency',
    t.everSent ? t.successes / days : null,
    'no-deployments-ever',
    {
      count: t.successes,
      perDay: t.successes / days,
      perWeek: (t.successes * 7) / days,
      deploymentDays: t.deploymentDays,
    },
  );

  const median = t.leadTimes.quantile(0.5) ?? null;
  const changeLeadTime = metric(set, 'changeLeadTime', median, 'no-changes', {
    median,
    p90: t.leadTimes.quantile(0.9) ?? null,
    count: t.leadTimes.count,
  });

  // Change fail rate and rework rate, over completed production deployments in the window.
  const changeFailRate = metric(
    set,
    'changeFailRate',
    t.completed ? t.failed / t.completed : null,
    'none-in-window',
    { failed: t.failed, completed: t.completed },
  );
  const reworkRate = metric(
    set,
    'reworkRate',
    t.completed ? t.rework / t.completed : null,
    'none-in-window',
    { rework: t.rework, completed: t.completed },
  );

  const recoveryTime = metric(
    set,
    'recoveryTime',
    t.recoveries.quantile(0.5),
    t.failed ? 'none-recovered' : 'no-failures',
    {
      failed: t.failed,
      recovered: t.recoveries.count,
      unrecovered: t.unrecovered,
      discarded: t.discarded,
    },
  );

  // MTTR over incidents opened in the window, whatever caused them.
  const mttr = metric(
    set,
    'mttr',
    t.durations.quantile(0.5),
    t.opened ? 'none-resolved' : 'no-incidents',
    {
      opened: t.opened,
      resolved: t.durations.count,
      unresolved: t.unresolved,
    },
  );

  return {
    window: { from, to, days },
    benchmark: set.id,
    deploymentFrequency,
    changeLeadTime,
    changeFailRate,
    recoveryTime,
    reworkRate,
    mttr,
  };
}

/**
 * The metrics of a window from per-record facts. Only facts of records inside the window
 * matter, so a caller may pass just those (plus the scope's `firstSentAt`).
 *
 * @public
 */
export function aggregateDoraMetrics(
  facts: DoraScopeFacts,
  options: { window: DoraWindow; benchmark?: BenchmarkSet },
): DoraMetrics {
  return metricsFromTotals(totalsOfFacts(facts, options.window), options);
}

/**
 * Computes the DORA metrics of one scope (a service, or the union of a team's or the
 * organisation's services) for a window, exactly as DESIGN.md defines them. Pure and
 * independent of input order; a record present twice (same key) counts once.
 *
 * @public
 */
export function computeDoraMetrics(
  input: DoraInput | DoraFacts,
  options: DoraOptions,
): DoraMetrics {
  return aggregateDoraMetrics(deriveDoraFacts(input, options), options);
}

/**
 * The events of several scopes as one (a team's services, the organisation): records that
 * several scopes share count once.
 *
 * @public
 */
export function mergeDoraInputs(...inputs: DoraInput[]): DoraInput {
  return {
    deployments: inputs.flatMap(i => i.deployments),
    incidents: inputs.flatMap(i => i.incidents),
  };
}
