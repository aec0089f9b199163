import {
  DeploymentFacts,
  DoraRules,
  DoraScopeFacts,
  deriveDoraFacts,
  startOfUtcDay,
} from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { chunks } from './chunks';
import { DirtyDay } from './DatabaseRollupStore';
import {
  DeploymentRow,
  IncidentRow,
  rowToDeployment,
  rowToIncident,
} from './rows';

/**
 * The day a record's rollup holds it on: a deployment by its finish time (else start time), an
 * incident by its open time.
 *
 * @internal
 */
export function recordDay(row: {
  service: string;
  finished_at?: number | string | null;
  started_at?: number | string | null;
  opened_at?: number | string | null;
}): DirtyDay[] {
  const t = row.opened_at ?? row.finished_at ?? row.started_at;
  return t === null || t === undefined
    ? []
    : [{ service: row.service, day: startOfUtcDay(Number(t)) }];
}

/** Services whose histories are read and re-derived together. */
const SERVICES_PER_PASS = 50;

/** The fact columns of `opsdeck_deployments`. @internal */
export const DEPLOYMENT_FACT_COLUMNS = [
  'fact_production_success',
  'fact_completed_production',
  'fact_failed',
  'fact_rework',
  'fact_recovery',
  'fact_lead_times',
];

const bool = (v: boolean | number | null | undefined) =>
  v === null || v === undefined ? null : Boolean(v);

function deploymentFactColumns(f: DeploymentFacts | undefined) {
  return {
    fact_production_success: f ? f.productionSuccess : null,
    fact_completed_production: f ? f.completedProduction : null,
    fact_failed: f ? f.failed : null,
    fact_rework: f ? f.rework : null,
    fact_recovery: f?.recovery === undefined ? null : String(f.recovery),
    fact_lead_times: f ? JSON.stringify(f.leadTimes) : null,
  };
}

function sameDeploymentFacts(
  row: DeploymentRow,
  next: ReturnType<typeof deploymentFactColumns>,
) {
  return (
    bool(row.fact_production_success) === next.fact_production_success &&
    bool(row.fact_completed_production) === next.fact_completed_production &&
    bool(row.fact_failed) === next.fact_failed &&
    bool(row.fact_rework) === next.fact_rework &&
    (row.fact_recovery ?? null) === next.fact_recovery &&
    (row.fact_lead_times ?? null) === next.fact_lead_times
  );
}

/**
 * Re-derives the per-record facts of these services from their whole history (plus incidents of
 * other services that name their deployments as the cause), writes the ones that changed and
 * returns their days.
 *
 * @internal
 */
export async function refreshServiceFacts(
  db: Knex,
  services: Iterable<string>,
  rules: DoraRules,
): Promise<DirtyDay[]> {
  const dirty: DirtyDay[] = [];
  // Many services per statement: a pass over hundreds of services stays a few queries.
  for (const group of chunks([...services], SERVICES_PER_PASS)) {
    const deploymentRows = await db<DeploymentRow>(
      'opsdeck_deployments',
    ).whereIn('service', group);
    const ownIncidents = await db<IncidentRow>('opsdeck_incidents').whereIn(
      'service',
      group,
    );
    const blaming: IncidentRow[] = [];
    for (const chunk of chunks(deploymentRows.map(r => r.record_key))) {
      blaming.push(
        ...(await db<IncidentRow>('opsdeck_incidents').whereIn(
          'caused_by_deployment',
          chunk,
        )),
      );
    }
    const serviceOf = new Map(
      deploymentRows.map(r => [r.record_key, r.service]),
    );
    const changedDeployments: DeploymentRow[] = [];
    const changedIncidents: IncidentRow[] = [];
    for (const service of group) {
      const rows = deploymentRows.filter(r => r.service === service);
      const own = ownIncidents.filter(r => r.service === service);
      // Incidents of other services that blame this service's deployments mark them failed.
      const foreign = blaming.filter(
        r =>
          r.service !== service &&
          serviceOf.get(r.caused_by_deployment ?? '') === service,
      );
      const facts: DoraScopeFacts = deriveDoraFacts(
        {
          deployments: rows.map(rowToDeployment),
          incidents: [...own, ...foreign].map(rowToIncident),
        },
        rules,
      );
      const byKey = new Map(facts.deployments.map(f => [f.key, f]));
      for (const row of rows) {
        const next = deploymentFactColumns(byKey.get(row.record_key));
        if (!sameDeploymentFacts(row, next)) {
          dirty.push(...recordDay(row));
          changedDeployments.push({ ...row, ...next });
        }
      }
      const incidentFacts = new Map(facts.incidents.map(f => [f.key, f]));
      for (const row of own) {
        const f = incidentFacts.get(row.record_key);
        const next = {
          fact_counts: f !== undefined,
          fact_duration: f?.duration ?? null,
        };
        const current = {
          fact_counts: bool(row.fact_counts),
          fact_duration:
            row.fact_duration === null || row.fact_duration === undefined
              ? null
              : Number(row.fact_duration),
        };
        if (
          current.fact_counts !== next.fact_counts ||
          current.fact_duration !== next.fact_duration
        ) {
          dirty.push(...recordDay(row));
          changedIncidents.push({ ...row, ...next });
        }
      }
    }
    // Whole rows as read, with new facts: one upsert per chunk instead of one update per row.
    for (const chunk of chunks(changedDeployments, 100)) {
      await db('opsdeck_deployments')
        .insert(chunk)
        .onConflict('record_key')
        .merge(DEPLOYMENT_FACT_COLUMNS);
    }
    for (const chunk of chunks(changedIncidents, 100)) {
      await db('opsdeck_incidents')
        .insert(chunk)
        .onConflict('record_key')
        .merge(['fact_counts', 'fact_duration']);
    }
  }
  return dirty;
}

/** The services whose facts a set of changed records can affect. @internal */
export async function affectedServices(
  db: Knex,
  changed: { deploymentKeys: string[]; incidentKeys: string[] },
): Promise<Set<string>> {
  const services = new Set<string>();
  for (const chunk of chunks(changed.deploymentKeys)) {
    const rows = await db('opsdeck_deployments')
      .whereIn('record_key', chunk)
      .distinct('service');
    rows.forEach(r => services.add(r.service));
  }
  for (const chunk of chunks(changed.incidentKeys)) {
    (
      await db('opsdeck_incidents')
        .whereIn('record_key', chunk)
        .distinct('service')
    ).forEach(r => services.add(r.service));
    // An incident blaming another service's deployment changes that service's facts.
    const blamed = await db('opsdeck_deployments')
      .whereIn(
        'record_key',
        db('opsdeck_incidents')
          .whereIn('record_key', chunk)
          .whereNotNull('caused_by_deployment')
          .select('caused_by_deployment'),
      )
      .distinct('service');
    blamed.forEach(r => services.add(r.service));
  }
  return services;
}
