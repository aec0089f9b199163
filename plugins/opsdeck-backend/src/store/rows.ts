import { DoraDeployment, DoraIncident } from '@opsdeck/backstage-plugin-common';
import { DeploymentFactRow, IncidentFactRow } from './FactsStore';

/** Row shapes of the record tables, and their conversion to the DORA records. @internal */
export type DeploymentRow = {
  record_key: string;
  source: string;
  external_id: string;
  service: string;
  environment: string;
  status: DoraDeployment['status'];
  started_at: number | string | null;
  finished_at: number | string | null;
  commit_sha: string | null;
  commit_time: number | string | null;
  changes: string | null;
  rollback_of: string | null;
  rework: boolean | number | null;
  fixes: string | null;
  url: string | null;
  title: string | null;
  updated_at: number | string;
  fact_production_success?: boolean | number | null;
  fact_completed_production?: boolean | number | null;
  fact_failed?: boolean | number | null;
  fact_rework?: boolean | number | null;
  fact_recovery?: string | null;
  fact_lead_times?: string | null;
};

/** @internal */
export type IncidentRow = {
  record_key: string;
  source: string;
  external_id: string;
  service: string;
  opened_at: number | string;
  resolved_at: number | string | null;
  severity: string | null;
  environment: string | null;
  is_alert: boolean | number | null;
  caused_by: string | null;
  url: string | null;
  title: string | null;
  updated_at: number | string;
  fact_counts?: boolean | number | null;
  fact_duration?: number | string | null;
  caused_by_deployment?: string | null;
  caused_by_commit?: string | null;
};

const num = (v: number | string | null) => (v === null ? undefined : Number(v));
const bool = (v: boolean | number | null) =>
  v === null ? undefined : Boolean(v);
const json = <T>(v: string | null): T | undefined =>
  v === null ? undefined : JSON.parse(v);

/** Drops undefined fields, so records compare equal whatever the database. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined),
  ) as T;
}

/** Splits `<source>:<id>`; a source never contains a colon. @internal */
export function splitRecordKey(key: string): {
  source: string;
  externalId: string;
} {
  const at = key.indexOf(':');
  return { source: key.slice(0, at), externalId: key.slice(at + 1) };
}

/** @internal */
export function deploymentToRow(d: DoraDeployment, now: number): DeploymentRow {
  const { source, externalId } = splitRecordKey(d.key);
  return {
    record_key: d.key,
    source,
    external_id: externalId,
    service: d.service,
    environment: d.environment,
    status: d.status,
    started_at: d.startedAt ?? null,
    finished_at: d.finishedAt ?? null,
    commit_sha: d.commit?.sha ?? null,
    commit_time: d.commit?.time ?? null,
    changes: d.changes ? JSON.stringify(d.changes) : null,
    rollback_of: d.rollbackOf ?? null,
    rework: d.rework ?? null,
    fixes: d.fixes ? JSON.stringify(d.fixes) : null,
    url: d.url ?? null,
    title: d.title ?? null,
    updated_at: now,
  };
}

/** @internal */
export function rowToDeployment(r: DeploymentRow): DoraDeployment {
  return compact({
    key: r.record_key,
    service: r.service,
    environment: r.environment,
    status: r.status,
    startedAt: num(r.started_at),
    finishedAt: num(r.finished_at),
    commit:
      r.commit_sha === null
        ? undefined
        : compact({ sha: r.commit_sha, time: num(r.commit_time) }),
    changes: json(r.changes),
    rollbackOf: r.rollback_of ?? undefined,
    rework: bool(r.rework),
    fixes: json(r.fixes),
    url: r.url ?? undefined,
    title: r.title ?? undefined,
  });
}

/** The SHAs these deployments ship: their deployed commits and their changes. @internal */
export function shasOf(deployments: Iterable<DoraDeployment>): Set<string> {
  const shas = new Set<string>();
  for (const d of deployments) {
    if (d.commit?.sha) shas.add(d.commit.sha);
    for (const c of d.changes ?? []) shas.add(c.sha);
  }
  return shas;
}

/** @internal */
export function incidentToRow(i: DoraIncident, now: number): IncidentRow {
  const { source, externalId } = splitRecordKey(i.key);
  return {
    record_key: i.key,
    source,
    external_id: externalId,
    service: i.service,
    opened_at: i.openedAt,
    resolved_at: i.resolvedAt ?? null,
    severity: i.severity ?? null,
    environment: i.environment ?? null,
    is_alert: i.isAlert ?? null,
    caused_by: i.causedBy ? JSON.stringify(i.causedBy) : null,
    caused_by_deployment:
      i.causedBy && 'deployment' in i.causedBy ? i.causedBy.deployment : null,
    caused_by_commit:
      i.causedBy && 'commit' in i.causedBy ? i.causedBy.commit : null,
    url: i.url ?? null,
    title: i.title ?? null,
    updated_at: now,
  };
}

/** @internal */
export function rowToIncident(r: IncidentRow): DoraIncident {
  return compact({
    key: r.record_key,
    service: r.service,
    openedAt: Number(r.opened_at),
    resolvedAt: num(r.resolved_at),
    severity: r.severity ?? undefined,
    environment: r.environment ?? undefined,
    isAlert: bool(r.is_alert),
    causedBy: json(r.caused_by),
    url: r.url ?? undefined,
    title: r.title ?? undefined,
  });
}

/** Drivers answer booleans as booleans or 0/1. @internal */
export const truthy = (v: unknown) => Boolean(v);
const numOrNull = (v: unknown) =>
  v === null || v === undefined ? null : Number(v);

/** A stored facts row with its types as written (drivers differ on booleans and bigints). @internal */
export function normalizeDeploymentFactRow(
  r: Record<string, unknown>,
): DeploymentFactRow {
  return {
    component: String(r.component),
    record_key: String(r.record_key),
    started_at: numOrNull(r.started_at),
    finished_at: numOrNull(r.finished_at),
    production_success: truthy(r.production_success),
    completed_production: truthy(r.completed_production),
    failed: truthy(r.failed),
    rework: truthy(r.rework),
    recovery: (r.recovery as string | null) ?? null,
    lead_times: String(r.lead_times),
    merged_into: (r.merged_into as string | null) ?? null,
    explain: (r.explain as string | null) ?? null,
    rollup_unit: (r.rollup_unit as string | null) ?? null,
    depends_until: Number(r.depends_until),
  };
}

/** The same for an incident's facts. @internal */
export function normalizeIncidentFactRow(
  r: Record<string, unknown>,
): IncidentFactRow {
  return {
    component: String(r.component),
    record_key: String(r.record_key),
    opened_at: Number(r.opened_at),
    unresolved: truthy(r.unresolved),
    duration: numOrNull(r.duration),
    rollup_unit: (r.rollup_unit as string | null) ?? null,
  };
}

/** A stored recovery as the DORA math reads it. @internal */
export const recoveryOf = (
  v: string | null,
): { recovery?: number | 'unrecovered' | 'discarded' } =>
  v === null
    ? {}
    : { recovery: v === 'unrecovered' || v === 'discarded' ? v : Number(v) };
