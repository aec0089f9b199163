import {
  ComponentFacts,
  startOfUtcDay,
} from '@opsdeck/backstage-plugin-common';
import {
  DeploymentFactRow,
  FactChanges,
  IncidentFactRow,
  StoredComponentFacts,
} from '../store/FactsStore';
import { DirtyDay } from '../store/RollupStore';
import { FAR_FUTURE } from '../store/componentsSql';

/** A Component's derived facts as the rows that store them. */
export function toFactRows(
  component: string,
  facts: ComponentFacts,
  unitOf: ReadonlyMap<string, string | null>,
): { deployments: DeploymentFactRow[]; incidents: IncidentFactRow[] } {
  const none = {
    production_success: false,
    completed_production: false,
    failed: false,
    rework: false,
    recovery: null,
    lead_times: '[]',
    explain: null,
  };
  return {
    deployments: [
      ...facts.deployments.map(f => ({
        component,
        record_key: f.key,
        started_at: null,
        finished_at: f.finishedAt,
        production_success: f.productionSuccess,
        completed_production: f.completedProduction,
        failed: f.failed,
        rework: f.rework,
        recovery: f.recovery === undefined ? null : String(f.recovery),
        lead_times: JSON.stringify(f.leadTimes),
        merged_into: null,
        explain: Object.keys(f.explain).length
          ? JSON.stringify(f.explain)
          : null,
        rollup_unit: unitOf.get(f.key) ?? null,
        depends_until: Math.min(f.dependsUntil, FAR_FUTURE),
      })),
      ...facts.merged.map(m => ({
        component,
        record_key: m.key,
        started_at: null,
        finished_at: m.finishedAt,
        ...none,
        merged_into: m.into,
        rollup_unit: null,
        depends_until: m.finishedAt,
      })),
      ...facts.pending.map(p => ({
        component,
        record_key: p.key,
        started_at: p.startedAt ?? null,
        finished_at: null,
        ...none,
        merged_into: null,
        rollup_unit: unitOf.get(p.key) ?? null,
        depends_until: p.startedAt ?? 0,
      })),
    ],
    incidents: facts.incidents.map(i => ({
      component,
      record_key: i.key,
      opened_at: i.openedAt,
      unresolved: i.unresolved,
      duration: i.duration ?? null,
      rollup_unit: unitOf.get(i.key) ?? null,
    })),
  };
}

/** Two rows of one table, column by column (every value is a string, number, boolean or null). */
function sameRow(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(y);
  if (keys.length !== Object.keys(x).length) return false;
  for (const key of keys) if (x[key] !== y[key]) return false;
  return true;
}

function dayOf(row: DeploymentFactRow | IncidentFactRow): DirtyDay[] {
  const t =
    'opened_at' in row ? row.opened_at : row.finished_at ?? row.started_at;
  return t === null || row.rollup_unit === null
    ? []
    : [{ service: row.rollup_unit, day: startOfUtcDay(t) }];
}

/**
 * The difference between a Component's stored facts and its new ones: rows to write and to
 * delete, and the days whose rollups change (the old and the new day of each changed row).
 */
export function diffFacts(
  stored: StoredComponentFacts,
  next: { deployments: DeploymentFactRow[]; incidents: IncidentFactRow[] },
): { changes: FactChanges; days: DirtyDay[] } {
  const changes: FactChanges = {
    upsertDeployments: [],
    deleteDeployments: [],
    upsertIncidents: [],
    deleteIncidents: [],
  };
  const days: DirtyDay[] = [];
  const compare = <R extends DeploymentFactRow | IncidentFactRow>(
    before: Map<string, R>,
    after: R[],
    upsert: R[],
    remove: Array<{ component: string; record_key: string }>,
  ) => {
    const seen = new Set<string>();
    for (const row of after) {
      seen.add(row.record_key);
      const old = before.get(row.record_key);
      if (old && sameRow(old, row)) continue;
      upsert.push(row);
      days.push(...dayOf(row), ...(old ? dayOf(old) : []));
    }
    for (const [key, old] of before) {
      if (seen.has(key)) continue;
      remove.push({ component: old.component, record_key: key });
      days.push(...dayOf(old));
    }
  };
  compare(
    stored.deployments,
    next.deployments,
    changes.upsertDeployments,
    changes.deleteDeployments,
  );
  compare(
    stored.incidents,
    next.incidents,
    changes.upsertIncidents,
    changes.deleteIncidents,
  );
  return { changes, days };
}

/** Only the rows of records from `cut` on (and those without a time): what a slice rewrites. */
export function fromCut(
  rows: { deployments: DeploymentFactRow[]; incidents: IncidentFactRow[] },
  cut: number,
): { deployments: DeploymentFactRow[]; incidents: IncidentFactRow[] } {
  return {
    deployments: rows.deployments.filter(r => {
      const t = r.finished_at ?? r.started_at;
      return t === null || t >= cut;
    }),
    incidents: rows.incidents.filter(r => r.opened_at >= cut),
  };
}
