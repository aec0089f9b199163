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
  /** Each Component's whole history across its identities. */
  readHistories(
    components: readonly string[],
  ): Promise<ComponentHistoryWithUnits[]>;
  /** Each Component's stored facts. */
  readStoredFacts(
    components: readonly string[],
  ): Promise<Map<string, StoredComponentFacts>>;
  /**
   * In one transaction: applies fact changes, queues the days they touched for their rollups
   * and clears the facts marks that were worked off (a mark renewed meanwhile stays).
   */
  commit(work: {
    changes: FactChanges;
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
