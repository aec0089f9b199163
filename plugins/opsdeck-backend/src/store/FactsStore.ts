import {
  ComponentHistory,
  DoraScopeFacts,
} from '@opsdeck/backstage-plugin-common';
import { DirtyDay } from './RollupStore';
import { QueueMark } from './workQueue';

/** A deployment's facts as stored for one Component. @internal */
export interface DeploymentFactRow {
  component: string;
  record_key: string;
  started_at: number | null;
  finished_at: number | null;
  production_success: boolean;
  completed_production: boolean;
  failed: boolean;
  rework: boolean;
  recovery: string | null;
  lead_times: string;
  merged_into: string | null;
  explain: string | null;
  rollup_unit: string | null;
  /** Latest time of a record these facts depend on (FAR_FUTURE: open). */
  depends_until: number;
}

/** An incident's facts as stored for one Component. @internal */
export interface IncidentFactRow {
  component: string;
  record_key: string;
  opened_at: number;
  unresolved: boolean;
  duration: number | null;
  rollup_unit: string | null;
}

/**
 * A Component's history, and the rollup unit each of its records counts in: the Component for
 * records only it has; `shared:<identity>` for an identity several Components share, held by
 * the first of them (so a team or org holding several counts the record once); null in the
 * others.
 *
 * @internal
 */
export interface ComponentHistoryWithUnits extends ComponentHistory {
  unitOf: Map<string, string | null>;
}

/** A Component's stored facts, by record key. @internal */
export interface StoredComponentFacts {
  deployments: Map<string, DeploymentFactRow>;
  incidents: Map<string, IncidentFactRow>;
}

/** The part of a history a derivation reads: records from `from`, facts written from `cut`. @internal */
export interface HistorySlice {
  from: number;
  cut: number;
}

/**
 * A Component's first shipments from `cut` on (null: all of them), SHA → finish of the
 * deployment that shipped it first. @internal
 */
export interface ShippedChanges {
  component: string;
  cut: number | null;
  changes: ReadonlyMap<string, number>;
  commits: ReadonlyMap<string, number>;
}

/** What changes in a Component's stored facts. @internal */
export interface FactChanges {
  upsertDeployments: DeploymentFactRow[];
  deleteDeployments: Array<{ component: string; record_key: string }>;
  upsertIncidents: IncidentFactRow[];
  deleteIncidents: Array<{ component: string; record_key: string }>;
}

/**
 * Per-Component DORA facts: the histories they are derived from and the facts as stored.
 *
 * @internal
 */
export interface FactsStore {
  /**
   * Each Component's whole history across its identities; with a slice, the part from `from`
   * on (incidents from `cut` on) and the earlier incidents that name one of its deployments or
   * SHAs as their cause.
   */
  readHistories(
    components: readonly string[],
    slice?: HistorySlice,
  ): Promise<ComponentHistoryWithUnits[]>;
  /** Each Component's stored facts; with `cut`, those of records from `cut` on (and timeless ones). */
  readStoredFacts(
    components: readonly string[],
    cut?: number,
  ): Promise<Map<string, StoredComponentFacts>>;
  /** How many deployment facts each Component has (how long its history is), up to `atMost`. */
  historySizes(
    components: readonly string[],
    atMost: number,
  ): Promise<Map<string, number>>;
  /** Earliest finish of a deployment fact before `since` that depends on a record from `since` on. */
  earliestDependent(
    component: string,
    since: number,
  ): Promise<number | undefined>;
  /**
   * Earliest finish of a deployment named by a record from `since` on: the target of a
   * deployment's `rollbackOf`, and (unless `rollbacksOnly`) the deployment or first shipment of
   * the commit an incident's `causedBy` names.
   */
  earliestNamed(
    component: string,
    since: number,
    rollbacksOnly?: boolean,
  ): Promise<number | undefined>;
  /** Earliest finish of a rollout that a stored report finishing in [from, cut) was merged into. */
  earliestMergedInto(
    component: string,
    from: number,
    cut: number,
  ): Promise<number | undefined>;
  /** Which of these SHAs production successes finishing before `before` shipped first. */
  shippedBefore(
    component: string,
    shas: readonly string[],
    before: number,
  ): Promise<{ changes: Set<string>; commits: Set<string> }>;
  /**
   * In one transaction: applies fact changes, updates first shipments, queues the days they
   * touched for their rollups and clears the facts marks that were worked off (a mark renewed
   * meanwhile stays).
   */
  commit(work: {
    changes: FactChanges;
    shipped: readonly ShippedChanges[];
    days: readonly DirtyDay[];
    marks: readonly QueueMark[];
  }): Promise<void>;
  /** Queues Components whose facts must be re-derived. */
  markComponents(components: Iterable<string>): Promise<void>;
  /** Claims up to `limit` due facts marks (see claimMarks). */
  claim(limit: number, components?: readonly string[]): Promise<QueueMark[]>;
  /** Records why deriving these Components failed (see recordFailure). */
  fail(marks: readonly QueueMark[], error: unknown): Promise<void>;
  /** Every Component that has records or facts (for a full rebuild). */
  knownComponents(): Promise<string[]>;
  /** The facts one Component's window needs, and when it first sent a deployment. */
  /** Whether any deployment or incident has arrived for each Component, from any source. */
  receivedKinds(
    components: readonly string[],
  ): Promise<Map<string, { deployments: boolean; incidents: boolean }>>;
  /** The Component's earliest deployment finish or incident opening, epoch ms. */
  firstEventAt(component: string): Promise<number | null>;
  readWindowFacts(
    component: string,
    window: { from: number; to: number },
  ): Promise<DoraScopeFacts>;
  /** The same for several Components at once (a team's or the org's service table). */
  readManyWindowFacts(
    components: readonly string[],
    window: { from: number; to: number },
  ): Promise<Map<string, DoraScopeFacts>>;
  /** Several rollup units' facts in a span, each apart, with their pending deployments' starts. */
  readComponentsFacts(
    units: readonly string[],
    span: { from: number; to: number },
  ): Promise<Map<string, { facts: DoraScopeFacts; pendingSentAt: number[] }>>;
}
