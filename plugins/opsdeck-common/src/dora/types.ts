/**
 * A deployment status after mapping the provider's word (see {@link normalizeDeploymentStatus}).
 *
 * @public
 */
export type DeploymentStatus = 'success' | 'failure' | 'cancelled' | 'pending';

/**
 * A commit a deployment ships.
 *
 * @public
 */
export interface DoraChange {
  /** Commit SHA. */
  sha: string;
  /** Commit time (committer date as the source reports it), epoch ms. */
  time: number;
  /** The commit author's email, lower case: onboarding ticks "your first change in production". */
  authorEmail?: string;
}

/**
 * What an incident was caused by: a deployment (`<source>:<id>`) or a commit SHA.
 *
 * @public
 */
export type DoraCausedBy = { deployment: string } | { commit: string };

/**
 * One deployment as the DORA math sees it, after all its events were merged.
 * Instants are epoch milliseconds.
 *
 * @public
 */
export interface DoraDeployment {
  /** Record key, `<source>:<id>`; unique. */
  key: string;
  /** The service identity all of the service's events share. */
  service: string;
  /** Environment name as reported. */
  environment: string;
  /** Status after mapping. */
  status: DeploymentStatus;
  /** Start time, epoch ms. */
  startedAt?: number;
  /** Time of the terminal status; absent while pending. */
  finishedAt?: number;
  /** The deployed commit. */
  commit?: { sha: string; time?: number };
  /** The commits it ships; when absent, the deployed commit alone (if its time is known). */
  changes?: DoraChange[];
  /** Key of the deployment this one reverts. */
  rollbackOf?: string;
  /** An unplanned fix. */
  rework?: boolean;
  /** Keys of incidents it fixes. */
  fixes?: string[];
  /** Link back to the source (CI run, deployment page), http(s) only. */
  url?: string;
  /** What people call it. */
  title?: string;
}

/**
 * One incident as the DORA math sees it, after all its events were merged.
 *
 * @public
 */
export interface DoraIncident {
  /** Record key, `<source>:<id>`; unique. */
  key: string;
  /** The service identity all of the service's events share. */
  service: string;
  /** When it opened, epoch ms. */
  openedAt: number;
  /** Absent while open (a reopened incident has none). */
  resolvedAt?: number;
  /** Provider severity (P1–P5, critical…info, sev1–sev5). */
  severity?: string;
  /** Environment name as reported. */
  environment?: string;
  /** Opsgenie/JSM alerts count only with `incidents.includeAlerts`. */
  isAlert?: boolean;
  /** What caused it, when the provider or sender knows. */
  causedBy?: DoraCausedBy;
  /** Link back to the source (incident page), http(s) only. */
  url?: string;
  /** What people call it. */
  title?: string;
}

/**
 * Everything the DORA metrics of one scope are computed from.
 *
 * @public
 */
export interface DoraInput {
  /** Deployments of the scope. */
  deployments: readonly DoraDeployment[];
  /** Incidents of the scope. */
  incidents: readonly DoraIncident[];
}

/**
 * A time window `[from, to)`, epoch ms, whole UTC days.
 *
 * @public
 */
export interface DoraWindow {
  /** Start, inclusive, epoch ms. */
  from: number;
  /** End, exclusive, epoch ms. */
  to: number;
}

/**
 * Why a metric has no value.
 *
 * @public
 */
export type DoraNullReason =
  | 'no-deployments-ever'
  | 'none-in-window'
  | 'no-changes'
  | 'no-failures'
  | 'none-recovered'
  | 'no-incidents'
  | 'none-resolved';
