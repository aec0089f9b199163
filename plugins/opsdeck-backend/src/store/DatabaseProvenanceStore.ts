import { DatabaseService } from '@backstage/backend-plugin-api';
import { DoraDeployment, DoraIncident } from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { identitiesOfComponents } from './componentsSql';
import { openOpsDeckDatabase } from './database';
import { DeploymentFactRow } from './FactsStore';
import {
  DeploymentRow,
  IncidentRow,
  normalizeDeploymentFactRow,
  rowToDeployment,
  rowToIncident,
} from './rows';

/** One record behind a Component's numbers. @internal */
export type ProvenanceRecord =
  | {
      type: 'deployment';
      t: number;
      record: DoraDeployment;
      facts: DeploymentFactRow;
    }
  | { type: 'incident'; t: number; record: DoraIncident };

/** A page query: the window, a type, and the cursor `{t, key}` (newest first). @internal */
export interface ProvenanceQuery {
  from: number;
  to: number;
  type?: 'deployment' | 'incident';
  after?: { t: number; key: string };
  limit: number;
}

/**
 * The records behind a Component's numbers, with their facts.
 *
 * @internal
 */
export interface ProvenanceStore {
  listRecords(
    component: string,
    query: ProvenanceQuery,
  ): Promise<ProvenanceRecord[]>;
}

/**
 * Provenance in SQL: deployments through the Component's facts (so a rollout two sources
 * reported appears once), incidents through its identities.
 *
 * @internal
 */
export class DatabaseProvenanceStore implements ProvenanceStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseProvenanceStore> {
    return new DatabaseProvenanceStore(
      await openOpsDeckDatabase(options.database),
    );
  }

  /** A store on an open client (the plugin opens the database once). */
  static of(db: Knex): DatabaseProvenanceStore {
    return new DatabaseProvenanceStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async listRecords(
    component: string,
    query: ProvenanceQuery,
  ): Promise<ProvenanceRecord[]> {
    const page = (q: Knex.QueryBuilder, time: string, key: string) => {
      q.where(time, '>=', query.from)
        .where(time, '<', query.to)
        .orderBy([
          { column: time, order: 'desc' },
          { column: key, order: 'desc' },
        ])
        .limit(query.limit);
      const after = query.after;
      if (after) {
        q.where(b =>
          b
            .where(time, '<', after.t)
            .orWhere(c => c.where(time, after.t).where(key, '<', after.key)),
        );
      }
      return q;
    };
    const out: ProvenanceRecord[] = [];
    if (query.type !== 'incident') {
      const rows = await page(
        this.db('opsdeck_deployment_facts as f')
          .join('opsdeck_deployments as d', 'd.record_key', 'f.record_key')
          .where('f.component', component)
          .whereNull('f.merged_into')
          .select(
            'd.*',
            'f.component as f_component',
            'f.record_key as f_record_key',
            'f.started_at as f_started_at',
            'f.finished_at as f_finished_at',
            'f.production_success as f_production_success',
            'f.completed_production as f_completed_production',
            'f.failed as f_failed',
            'f.rework as f_rework',
            'f.recovery as f_recovery',
            'f.lead_times as f_lead_times',
            'f.merged_into as f_merged_into',
            'f.explain as f_explain',
          ),
        'f.finished_at',
        'f.record_key',
      );
      for (const r of rows) {
        const facts = normalizeDeploymentFactRow(
          Object.fromEntries(
            Object.entries(r)
              .filter(([k]) => k.startsWith('f_'))
              .map(([k, v]) => [k.slice(2), v]),
          ),
        );
        out.push({
          type: 'deployment',
          t: facts.finished_at!,
          record: rowToDeployment(r as DeploymentRow),
          facts,
        });
      }
    }
    if (query.type !== 'deployment') {
      const identities =
        (await identitiesOfComponents(this.db, [component])).get(component) ??
        [];
      const rows = (await page(
        this.db('opsdeck_incidents').whereIn('service', identities),
        'opened_at',
        'record_key',
      )) as IncidentRow[];
      for (const r of rows)
        out.push({
          type: 'incident',
          t: Number(r.opened_at),
          record: rowToIncident(r),
        });
    }
    out.sort((a, b) => b.t - a.t || (a.record.key < b.record.key ? 1 : -1));
    return out.slice(0, query.limit);
  }
}
