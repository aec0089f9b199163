import { createEnvironmentMatcher } from './environments';
import { DoraChange, DoraDeployment, DoraIncident, DoraInput } from './types';

/**
 * How incidents and environments are read; `opsdeck.dora.*` in app-config.
 *
 * @public
 */
export interface DoraRules {
  /** Case-insensitive globs over the whole environment name; default `production`, `prod`. */
  productionEnvironments?: readonly string[];
  /** How long after a deployment an incident is blamed on it, ms; default 24 h (inclusive). */
  attributionWindowMs?: number;
  /** Which incidents count. */
  incidents?: {
    /** Least severe incident that counts (e.g. `P3`, `high`, `sev2`); default: all. */
    minSeverity?: string;
    /** Globs; incidents with another environment do not count (no environment: counts). */
    environments?: readonly string[];
    /** Whether Opsgenie/JSM alerts count as incidents; default false. */
    includeAlerts?: boolean;
  };
  /**
   * Two different sources reporting the same rollout (same Component, environment and deployed
   * SHA) finishing this close together are one deployment, ms; default 1 h.
   */
  sameRolloutWindowMs?: number;
}

/** Default attribution window: 24 hours. @public */
export const DEFAULT_ATTRIBUTION_WINDOW_MS = 24 * 3_600_000;

const SEVERITY_RANK: Record<string, number> = {
  p1: 1,
  sev1: 1,
  critical: 1,
  p2: 2,
  sev2: 2,
  high: 2,
  p3: 3,
  sev3: 3,
  medium: 3,
  moderate: 3,
  p4: 4,
  sev4: 4,
  low: 4,
  p5: 5,
  sev5: 5,
  info: 5,
  informational: 5,
};

function severityRank(severity: string | undefined): number | undefined {
  return severity === undefined
    ? undefined
    : SEVERITY_RANK[severity.trim().toLowerCase()];
}

/**
 * The changes a deployment ships: its `changes`, else its deployed commit if the commit's time
 * is known, else none.
 *
 * @public
 */
export function changesOf(deployment: DoraDeployment): DoraChange[] {
  if (deployment.changes) return deployment.changes;
  const commit = deployment.commit;
  return commit?.time !== undefined
    ? [{ sha: commit.sha, time: commit.time }]
    : [];
}

/**
 * Why a deployment's `rollbackOf` was ignored: the target is unknown, the rollback did not
 * succeed, the target is of another service or environment (or not production), or it did not
 * finish earlier.
 *
 * @public
 */
export type IgnoredRollbackReason =
  | 'unknown-target'
  | 'rollback-not-successful'
  | 'other-service-or-environment'
  | 'target-not-earlier';

const byFinish = (a: DoraDeployment, b: DoraDeployment) =>
  a.finishedAt! - b.finishedAt! || (a.key < b.key ? -1 : Number(a.key > b.key));

const pair = (service: string, sha: string) => `${service}\u0000${sha}`;

/** How many of these deployments (by finish time) finished before `t`: binary search. */
function finishedBefore(sorted: readonly DoraDeployment[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].finishedAt! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What the whole history says about each deployment and incident: which deployments are
 * production, successful, failed (and why), which change first shipped where, and which
 * deployment each incident is attributed to. Pure; order of the input does not matter.
 *
 * @public
 */
export class DoraFacts {
  /** The deployments, each key once. */
  readonly deployments: readonly DoraDeployment[];
  /** The incidents that count under the rules, each key once. */
  readonly incidents: readonly DoraIncident[];
  /** Successful production deployments with a finish time, by finish time then key. */
  readonly productionSuccesses: readonly DoraDeployment[];
  /** (service, SHA) → the first successful production deployment that ships it, and the commit time. */
  readonly firstShipped = new Map<
    string,
    { deployment: DoraDeployment; time: number }
  >();
  /** Deployment key → incidents attributed to it. */
  readonly attributed = new Map<string, DoraIncident[]>();
  /** Incident key → the deployment it is attributed to. */
  readonly attributionOf = new Map<string, DoraDeployment>();
  /** Deployment key → the successful rollbacks that reverted it. */
  readonly rolledBack = new Map<string, string[]>();
  /** Keys of deployments whose `rollbackOf` was ignored, and why, for provenance. */
  readonly ignoredRollbacks = new Map<string, IgnoredRollbackReason>();
  /** Incident key → how it was attributed: named by `causedBy`, or by the time window. */
  readonly attributedBy = new Map<string, 'causedBy' | 'window'>();
  /**
   * (service, SHA) → the first successful production deployment that ships it as a change or
   * as its deployed commit (what an incident's `causedBy.commit` names).
   */
  readonly shippedAsCommit = new Map<string, DoraDeployment>();
  /** Whether an environment name is production under the rules. */
  readonly isProduction: (environment: string) => boolean;

  private readonly byKey = new Map<string, DoraDeployment>();
  /** Successful production deployments by service, by finish time then key. */
  private readonly successesByService = new Map<string, DoraDeployment[]>();
  /** The same by service and environment (lower case). */
  private readonly successesByEnvironment = new Map<string, DoraDeployment[]>();

  constructor(
    input: DoraInput,
    rules: DoraRules = {},
    options: {
      /** Incidents attributed only through `causedBy`, never by the time window. */
      windowless?: ReadonlySet<string>;
      /**
       * SHAs that production successes before the input's span already shipped (the input is
       * then a part of a longer history): as a change with a commit time, and as a change or a
       * deployed commit. None of the input's deployments ships them first; an incident naming
       * one as its cause is attributed outside the input.
       */
      shippedBefore?: {
        changes: ReadonlySet<string>;
        commits: ReadonlySet<string>;
      };
    } = {},
  ) {
    this.isProduction = createEnvironmentMatcher(rules.productionEnvironments);
    // A record seen through several entities of one scope counts once.
    for (const d of input.deployments)
      if (!this.byKey.has(d.key)) this.byKey.set(d.key, d);
    this.deployments = [...this.byKey.values()];
    const incidents = new Map<string, DoraIncident>();
    for (const i of input.incidents)
      if (!incidents.has(i.key)) incidents.set(i.key, i);
    this.incidents = [...incidents.values()].filter(i =>
      this.incidentCounts(i, rules),
    );

    this.productionSuccesses = this.deployments
      .filter(
        d =>
          d.status === 'success' &&
          d.finishedAt !== undefined &&
          this.isProduction(d.environment),
      )
      .sort(byFinish);
    const shippedAsCommit = this.shippedAsCommit;
    const before = options.shippedBefore;
    for (const d of this.productionSuccesses) {
      pushTo(this.successesByService, d.service, d);
      pushTo(
        this.successesByEnvironment,
        pair(d.service, d.environment.toLowerCase()),
        d,
      );
      for (const change of changesOf(d)) {
        const k = pair(d.service, change.sha);
        if (!this.firstShipped.has(k) && !before?.changes.has(change.sha))
          this.firstShipped.set(k, { deployment: d, time: change.time });
        if (!shippedAsCommit.has(k) && !before?.commits.has(change.sha))
          shippedAsCommit.set(k, d);
      }
      const commit = d.commit?.sha;
      if (
        commit !== undefined &&
        !shippedAsCommit.has(pair(d.service, commit)) &&
        !before?.commits.has(commit)
      ) {
        shippedAsCommit.set(pair(d.service, commit), d);
      }
    }

    for (const d of this.deployments) {
      if (d.rollbackOf === undefined) continue;
      const reason = this.rollbackProblem(d, this.byKey.get(d.rollbackOf));
      if (reason) {
        this.ignoredRollbacks.set(d.key, reason);
        continue;
      }
      const list = this.rolledBack.get(d.rollbackOf) ?? [];
      list.push(d.key);
      this.rolledBack.set(d.rollbackOf, list);
    }

    const windowMs = rules.attributionWindowMs ?? DEFAULT_ATTRIBUTION_WINDOW_MS;
    for (const incident of this.incidents) {
      const named =
        incident.causedBy && 'commit' in incident.causedBy
          ? incident.causedBy.commit
          : undefined;
      // Its cause shipped before the input: attributed to a deployment outside it.
      if (named !== undefined && before?.commits.has(named)) continue;
      const target = this.attributionTarget(
        incident,
        shippedAsCommit,
        options.windowless?.has(incident.key) ? undefined : windowMs,
      );
      if (!target) continue;
      this.attributionOf.set(incident.key, target);
      this.attributedBy.set(
        incident.key,
        incident.causedBy ? 'causedBy' : 'window',
      );
      const list = this.attributed.get(target.key) ?? [];
      list.push(incident);
      this.attributed.set(target.key, list);
    }
  }

  /** The deployment with this key, if it is in the input. */
  deployment(key: string): DoraDeployment | undefined {
    return this.byKey.get(key);
  }

  /** Success or failure (cancelled and pending count nowhere). */
  isCompleted(d: DoraDeployment): boolean {
    return (
      (d.status === 'success' || d.status === 'failure') &&
      d.finishedAt !== undefined
    );
  }

  /** A completed production deployment. */
  isCompletedProduction(d: DoraDeployment): boolean {
    return this.isCompleted(d) && this.isProduction(d.environment);
  }

  /** Failed: status failure, rolled back, or with at least one attributed incident. */
  isFailed(d: DoraDeployment): boolean {
    return (
      d.status === 'failure' ||
      this.rolledBack.has(d.key) ||
      this.attributed.has(d.key)
    );
  }

  /** An unplanned fix: `rework`, `fixes` naming an incident, or `rollbackOf` set. */
  isRework(d: DoraDeployment): boolean {
    return (
      d.rework === true ||
      (d.fixes?.length ?? 0) > 0 ||
      d.rollbackOf !== undefined
    );
  }

  /**
   * The next successful production deployment of the same service and environment; one that
   * finished in the same millisecond counts (its recovery of 0 is then discarded, not skipped).
   */
  nextSuccessAfter(d: DoraDeployment): DoraDeployment | undefined {
    const list = this.successesByEnvironment.get(
      pair(d.service, d.environment.toLowerCase()),
    );
    if (!list) return undefined;
    for (let i = finishedBefore(list, d.finishedAt!); i < list.length; i++)
      if (list[i].key !== d.key) return list[i];
    return undefined;
  }

  /** Why a rollback does not mark its target failed; undefined when it does. */
  private rollbackProblem(
    rollback: DoraDeployment,
    target: DoraDeployment | undefined,
  ): IgnoredRollbackReason | undefined {
    if (!target) return 'unknown-target';
    // Only a rollback that worked says its target was bad.
    if (rollback.status !== 'success' || rollback.finishedAt === undefined)
      return 'rollback-not-successful';
    if (
      target.service !== rollback.service ||
      target.environment.toLowerCase() !== rollback.environment.toLowerCase() ||
      !this.isProduction(target.environment)
    )
      return 'other-service-or-environment';
    if (
      target.finishedAt === undefined ||
      target.finishedAt >= rollback.finishedAt
    )
      return 'target-not-earlier';
    return undefined;
  }

  private incidentCounts(incident: DoraIncident, rules: DoraRules): boolean {
    const r = rules.incidents ?? {};
    if (incident.isAlert && !r.includeAlerts) return false;
    if (r.environments && incident.environment !== undefined) {
      if (!createEnvironmentMatcher(r.environments)(incident.environment))
        return false;
    }
    const min = severityRank(r.minSeverity);
    const rank = severityRank(incident.severity);
    return min === undefined || rank === undefined || rank <= min;
  }

  private attributionTarget(
    incident: DoraIncident,
    shippedAsCommit: Map<string, DoraDeployment>,
    /** Undefined: attributed only through `causedBy`. */
    windowMs: number | undefined,
  ): DoraDeployment | undefined {
    const causedBy = incident.causedBy;
    // An explicit cause wins; an unknown target stays unattributed (no time-window fallback).
    if (causedBy && 'deployment' in causedBy)
      return this.byKey.get(causedBy.deployment);
    if (causedBy && 'commit' in causedBy) {
      return shippedAsCommit.get(pair(incident.service, causedBy.commit));
    }
    if (windowMs === undefined) return undefined;
    // The latest success that finished when it opened or before, if within the window.
    const candidates = this.successesByService.get(incident.service) ?? [];
    const latest =
      candidates[finishedBefore(candidates, incident.openedAt + 1) - 1];
    return latest && incident.openedAt <= latest.finishedAt! + windowMs
      ? latest
      : undefined;
  }
}
