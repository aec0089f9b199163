import {
  BenchmarkSet,
  BenchmarkedMetric,
  DEFAULT_BENCHMARK_SET,
  DoraTier,
  tierOf,
} from './benchmarks';
import { DoraFacts, DoraRules } from './facts';
import { percentile } from './percentiles';
import { DoraInput, DoraNullReason, DoraWindow } from './types';
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
  const facts =
    input instanceof DoraFacts ? input : new DoraFacts(input, options);
  const set = options.benchmark ?? DEFAULT_BENCHMARK_SET;
  const { from, to } = options.window;
  const days = (to - from) / DAY_MS;
  const inWindow = (t: number | undefined) =>
    t !== undefined && t >= from && t < to;

  // Deployment frequency
  const shipped = facts.productionSuccesses.filter(d => inWindow(d.finishedAt));
  const everSent = facts.deployments.some(d => {
    const t = d.finishedAt ?? d.startedAt;
    return t === undefined || t < to;
  });
  const dates = new Set(shipped.map(d => Math.floor(d.finishedAt! / DAY_MS)));
  const deploymentFrequency = metric(
    set,
    'deploymentFrequency',
    everSent ? shipped.length / days : null,
    'no-deployments-ever',
    {
      count: shipped.length,
      perDay: shipped.length / days,
      perWeek: (shipped.length * 7) / days,
      deploymentDays: dates.size,
    },
  );

  // Change lead time: each change once, at the first successful production deployment shipping it.
  const leadTimes: number[] = [];
  for (const { deployment, time } of facts.firstShipped.values()) {
    if (!inWindow(deployment.finishedAt)) continue;
    const value = deployment.finishedAt! - time;
    if (value > 0) leadTimes.push(value);
  }
  const median = percentile(leadTimes, 0.5) ?? null;
  const changeLeadTime = metric(set, 'changeLeadTime', median, 'no-changes', {
    median,
    p90: percentile(leadTimes, 0.9) ?? null,
    count: leadTimes.length,
  });

  // Change fail rate and rework rate, over completed production deployments in the window.
  const completed = facts.deployments.filter(
    d => facts.isCompletedProduction(d) && inWindow(d.finishedAt),
  );
  const failedDeployments = completed.filter(d => facts.isFailed(d));
  const changeFailRate = metric(
    set,
    'changeFailRate',
    completed.length ? failedDeployments.length / completed.length : null,
    'none-in-window',
    { failed: failedDeployments.length, completed: completed.length },
  );
  const rework = completed.filter(d => facts.isRework(d)).length;
  const reworkRate = metric(
    set,
    'reworkRate',
    completed.length ? rework / completed.length : null,
    'none-in-window',
    { rework, completed: completed.length },
  );

  // Failed deployment recovery time.
  const recoveries: number[] = [];
  let unrecovered = 0;
  let discarded = 0;
  for (const d of failedDeployments) {
    const incidents = facts.attributed.get(d.key);
    let recoveredAt: number | undefined;
    if (incidents?.length) {
      recoveredAt = incidents.some(i => i.resolvedAt === undefined)
        ? undefined
        : Math.max(...incidents.map(i => i.resolvedAt!));
    } else {
      recoveredAt = facts.nextSuccessAfter(d)?.finishedAt;
    }
    if (recoveredAt === undefined) unrecovered++;
    else if (recoveredAt - d.finishedAt! <= 0) discarded++;
    else recoveries.push(recoveredAt - d.finishedAt!);
  }
  const recoveryTime = metric(
    set,
    'recoveryTime',
    percentile(recoveries, 0.5),
    failedDeployments.length ? 'none-recovered' : 'no-failures',
    {
      failed: failedDeployments.length,
      recovered: recoveries.length,
      unrecovered,
      discarded,
    },
  );

  // MTTR over incidents opened in the window, whatever caused them.
  const opened = facts.incidents.filter(i => inWindow(i.openedAt));
  const durations = opened
    .filter(i => i.resolvedAt !== undefined && i.resolvedAt >= i.openedAt)
    .map(i => i.resolvedAt! - i.openedAt);
  const unresolved = opened.filter(i => i.resolvedAt === undefined).length;
  const mttr = metric(
    set,
    'mttr',
    percentile(durations, 0.5),
    opened.length ? 'none-resolved' : 'no-incidents',
    { opened: opened.length, resolved: durations.length, unresolved },
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
