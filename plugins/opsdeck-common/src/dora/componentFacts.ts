import {
  DoraFacts,
  DoraRules,
  IgnoredRollbackReason,
  changesOf,
} from './facts';
import { DeploymentFacts, IncidentFacts, deriveDoraFacts } from './metrics';
import { DoraChange, DoraDeployment, DoraIncident } from './types';

/** Default window within which two sources' reports of one rollout are merged: 1 hour. @public */
export const DEFAULT_SAME_ROLLOUT_WINDOW_MS = 3_600_000;

/**
 * Everything one Component's facts are derived from: the records of every identity that maps
 * to it (its entity ref and each mapped annotation), whichever source sent them.
 *
 * @public
 */
export interface ComponentHistory {
  /** The Component's entity ref: the service every record is counted for. */
  component: string;
  /** Deployments of all its identities. */
  deployments: readonly DoraDeployment[];
  /** Incidents of all its identities. */
  incidents: readonly DoraIncident[];
  /** Keys of its incidents whose identity maps to several Components: attributed only through `causedBy`. */
  sharedIncidents?: ReadonlySet<string>;
  /** Incidents of other Components whose `causedBy` names one of its deployments (they mark it failed only). */
  foreignIncidents?: readonly DoraIncident[];
}

/**
 * Why a deployment counts as it does, for provenance.
 *
 * @public
 */
export interface DeploymentExplanation {
  /** Why it counts as failed; absent when it does not. */
  failed?: {
    /** Its own status was a failure. */
    status?: boolean;
    /** Successful rollbacks that reverted it. */
    rolledBackBy?: string[];
    /** Incidents attributed to it, and how: named by `causedBy`, or inside the time window. */
    incidents?: Array<{ key: string; by: 'causedBy' | 'window' }>;
  };
  /** What recovered it: its incidents' resolution, or the next successful deployment. */
  recoveredBy?: { deployment: string } | { incidents: string[] };
  /** Its own `rollbackOf` was ignored, and why. */
  ignoredRollback?: IgnoredRollbackReason;
  /** Every record that reported this rollout, when several sources did. */
  sources?: string[];
  /** SHAs of the changes it shipped first (their lead times are its own). */
  firstShipped?: string[];
}

/**
 * A Component's derived facts: what each record contributes, and why.
 *
 * @public
 */
export interface ComponentFacts {
  /**
   * Finished deployments that count (one per rollout), with their explanation and the latest
   * instant of a record their facts depend on — a rollback, an attributed incident, the next
   * success that recovered it, a report merged into it, the target of its own `rollbackOf` —
   * `Infinity` while a record yet to come can still change them (a failure not recovered by a
   * success yet, a rollback of an unknown target). Earlier records are all that came before.
   */
  deployments: Array<
    DeploymentFacts & { explain: DeploymentExplanation; dependsUntil: number }
  >;
  /** Deployments merged into another source's report of the same rollout. */
  merged: Array<{ key: string; into: string; finishedAt: number }>;
  /** Deployments not finished yet (they count as sent from their start). */
  pending: Array<{ key: string; startedAt?: number }>;
  /** The Component's own incidents that count. */
  incidents: IncidentFacts[];
  /**
   * SHA → finish of the first successful production deployment that ships it: as a change
   * with a commit time (`changes`, where lead times come from), and as a change or deployed
   * commit (`commits`, what `causedBy.commit` names).
   */
  shipped: { changes: Map<string, number>; commits: Map<string, number> };
}

/**
 * Part of a Component's history: SHAs shipped to production before it (see `DoraFacts`).
 *
 * @public
 */
export interface ComponentFactsOptions {
  /** SHAs production successes before the history's span shipped: as a change, and at all. */
  shippedBefore?: {
    changes: ReadonlySet<string>;
    commits: ReadonlySet<string>;
  };
}

const sourceOf = (key: string) => key.slice(0, key.indexOf(':'));

const byFinishThenKey = (a: DoraDeployment, b: DoraDeployment) =>
  a.finishedAt! - b.finishedAt! || (a.key < b.key ? -1 : Number(a.key > b.key));

/**
 * Merges reports of one rollout by different sources: same environment (case-insensitive) and
 * deployed SHA, finishing within `windowMs` of the earliest. The earliest finish represents the
 * rollout; its status is the one reported last (the latest finish); changes, fixes and flags are
 * united. Deterministic whatever the input order.
 *
 * @public
 */
export function mergeSameRollouts(
  deployments: readonly DoraDeployment[],
  windowMs: number,
): {
  deployments: DoraDeployment[];
  mergedInto: Map<string, string>;
  sources: Map<string, string[]>;
} {
  const clusters = new Map<string, DoraDeployment[][]>();
  // Unfinished deployments and those without a deployed SHA cannot be the same rollout.
  const alone = deployments.filter(
    d => d.finishedAt === undefined || !d.commit?.sha,
  );
  const candidates = deployments
    .filter(d => d.finishedAt !== undefined && d.commit?.sha)
    .sort(byFinishThenKey);
  for (const d of candidates) {
    const sha = d.commit!.sha.toLowerCase();
    const group = `${d.environment.toLowerCase()}\u0000${sha}`;
    const list = clusters.get(group) ?? [];
    clusters.set(group, list);
    const cluster = list.find(
      c =>
        d.finishedAt! - c[0].finishedAt! <= windowMs &&
        !c.some(m => sourceOf(m.key) === sourceOf(d.key)),
    );
    if (cluster) cluster.push(d);
    else list.push([d]);
  }
  const mergedInto = new Map<string, string>();
  const sources = new Map<string, string[]>();
  const out = [...alone];
  for (const cluster of [...clusters.values()].flat()) {
    if (cluster.length === 1) {
      out.push(cluster[0]);
      continue;
    }
    const [first] = cluster;
    const last = cluster[cluster.length - 1];
    const changes = new Map<string, DoraChange>();
    for (const m of cluster)
      for (const c of changesOf(m))
        if (!changes.has(c.sha)) changes.set(c.sha, c);
    const fixes = [...new Set(cluster.flatMap(m => m.fixes ?? []))];
    const rollbackOf = cluster.find(m => m.rollbackOf)?.rollbackOf;
    out.push({
      ...first,
      status: last.status,
      ...(changes.size ? { changes: [...changes.values()] } : {}),
      ...(fixes.length ? { fixes } : {}),
      ...(rollbackOf ? { rollbackOf } : {}),
      ...(cluster.some(m => m.rework) ? { rework: true } : {}),
    });
    sources.set(
      first.key,
      cluster.map(m => m.key),
    );
    for (const m of cluster.slice(1)) mergedInto.set(m.key, first.key);
  }
  return { deployments: out, mergedInto, sources };
}

/**
 * Derives a Component's facts from its whole history, as DESIGN.md's DORA section defines them
 * with the Component as the service: every record is counted for the Component, one rollout
 * reported by several sources counts once, a change counts once per (Component, SHA), and
 * incidents of shared identities are attributed only through `causedBy`. Pure; the order of the
 * input does not matter.
 *
 * @public
 */
export function deriveComponentFacts(
  history: ComponentHistory,
  rules: DoraRules = {},
  options: ComponentFactsOptions = {},
): ComponentFacts {
  const service = history.component;
  const own = history.incidents.map(i => ({ ...i, service }));
  const ownKeys = new Set(own.map(i => i.key));
  const { deployments, mergedInto, sources } = mergeSameRollouts(
    history.deployments.map(d => ({ ...d, service })),
    rules.sameRolloutWindowMs ?? DEFAULT_SAME_ROLLOUT_WINDOW_MS,
  );
  const represent = (key: string) => mergedInto.get(key) ?? key;
  const input = {
    deployments: deployments.map(d =>
      d.rollbackOf ? { ...d, rollbackOf: represent(d.rollbackOf) } : d,
    ),
    incidents: [
      ...own,
      ...(history.foreignIncidents ?? [])
        .filter(i => !ownKeys.has(i.key))
        .map(i => ({ ...i, service: `foreign:${i.service}` })),
    ].map(i =>
      i.causedBy && 'deployment' in i.causedBy
        ? { ...i, causedBy: { deployment: represent(i.causedBy.deployment) } }
        : i,
    ),
  };
  const facts = new DoraFacts(input, rules, {
    windowless: history.sharedIncidents,
    shippedBefore: options.shippedBefore,
  });
  const derived = deriveDoraFacts(facts, rules);
  // Keys of DoraFacts' shipment maps are (service, SHA) pairs; the service is this Component.
  const shaOf = (pairKey: string) =>
    pairKey.slice(pairKey.indexOf('\u0000') + 1);
  const firstShipped = new Map<string, string[]>();
  const shipped = {
    changes: new Map<string, number>(),
    commits: new Map<string, number>(),
  };
  for (const [pairKey, { deployment }] of facts.firstShipped) {
    const list = firstShipped.get(deployment.key) ?? [];
    list.push(shaOf(pairKey));
    firstShipped.set(deployment.key, list);
    shipped.changes.set(shaOf(pairKey), deployment.finishedAt!);
  }
  for (const [pairKey, deployment] of facts.shippedAsCommit)
    shipped.commits.set(shaOf(pairKey), deployment.finishedAt!);
  const byKey = new Map(deployments.map(d => [d.key, d]));
  const reported = new Map(history.deployments.map(d => [d.key, d]));
  return {
    deployments: derived.deployments.map(f => ({
      ...f,
      explain: explain(facts, byKey.get(f.key)!, f, {
        sources: sources.get(f.key),
        firstShipped: firstShipped.get(f.key),
      }),
      dependsUntil: dependsUntil(facts, byKey.get(f.key)!, f, [
        ...(sources.get(f.key) ?? []).map(k => reported.get(k)!),
      ]),
    })),
    merged: [...mergedInto].map(([key, into]) => ({
      key,
      into,
      finishedAt: reported.get(key)!.finishedAt!,
    })),
    pending: deployments
      .filter(d => d.finishedAt === undefined)
      .map(d => ({
        key: d.key,
        ...(d.startedAt === undefined ? {} : { startedAt: d.startedAt }),
      })),
    incidents: derived.incidents.filter(i => ownKeys.has(i.key)),
    shipped,
  };
}

/** The latest instant of a record whose change can change this deployment's facts. */
function dependsUntil(
  facts: DoraFacts,
  d: DoraDeployment,
  f: DeploymentFacts,
  merged: readonly DoraDeployment[],
): number {
  let until = d.finishedAt!;
  const later = (t: number | undefined) => {
    until = Math.max(until, t ?? Infinity);
  };
  for (const m of merged) later(m.finishedAt);
  for (const key of facts.rolledBack.get(d.key) ?? [])
    later(facts.deployment(key)?.finishedAt);
  const incidents = facts.attributed.get(d.key) ?? [];
  for (const i of incidents) later(i.openedAt);
  if (d.rollbackOf !== undefined)
    later(facts.deployment(d.rollbackOf)?.finishedAt);
  // Recovered by the next success: until it, or a success yet to come.
  if (f.failed && !incidents.length)
    later(facts.nextSuccessAfter(d)?.finishedAt);
  return until;
}

function explain(
  facts: DoraFacts,
  d: DoraDeployment,
  f: DeploymentFacts,
  extra: { sources?: string[]; firstShipped?: string[] },
): DeploymentExplanation {
  const out: DeploymentExplanation = {};
  if (f.failed) {
    const incidents = facts.attributed.get(d.key) ?? [];
    out.failed = {
      ...(d.status === 'failure' ? { status: true } : {}),
      ...(facts.rolledBack.has(d.key)
        ? { rolledBackBy: [...facts.rolledBack.get(d.key)!].sort() }
        : {}),
      ...(incidents.length
        ? {
            incidents: incidents
              .map(i => ({ key: i.key, by: facts.attributedBy.get(i.key)! }))
              .sort((a, b) => (a.key < b.key ? -1 : 1)),
          }
        : {}),
    };
    if (incidents.length) {
      if (f.recovery !== 'unrecovered')
        out.recoveredBy = { incidents: incidents.map(i => i.key).sort() };
    } else {
      const next = facts.nextSuccessAfter(d);
      if (next) out.recoveredBy = { deployment: next.key };
    }
  }
  const ignored = facts.ignoredRollbacks.get(d.key);
  if (ignored) out.ignoredRollback = ignored;
  if (extra.sources) out.sources = extra.sources;
  if (extra.firstShipped?.length)
    out.firstShipped = [...extra.firstShipped].sort();
  return out;
}
