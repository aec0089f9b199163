import {
  DoraDeployment,
  DoraIncident,
  DoraScopeFacts,
} from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { chunks } from './chunks';
import { DEPLOYMENT_FACT_COLUMNS } from './factsSql';
import {
  DeploymentRow,
  IncidentRow,
  rowToDeployment,
  rowToIncident,
} from './rows';

/**
 * Read queries of DORA answers: a scope's rows inside a window, through the (service, time)
 * indexes — never rows outside it.
 *
 * @internal
 */
export class DatabaseDoraQueries {
  constructor(private readonly db: Knex) {}

  /**
   * The records of these services inside the window only (deployments by finish time,
   * incidents by open time), read through the (service, time) indexes.
   */
  async readWindow(
    services: readonly string[],
    window: { from: number; to: number },
  ): Promise<{ deployments: DoraDeployment[]; incidents: DoraIncident[] }> {
    const deployments: DoraDeployment[] = [];
    const incidents: DoraIncident[] = [];
    for (const chunk of chunks(services)) {
      const d = await this.db<DeploymentRow>('opsdeck_deployments')
        .whereIn('service', chunk)
        .where('finished_at', '>=', window.from)
        .where('finished_at', '<', window.to);
      deployments.push(...d.map(rowToDeployment));
      const i = await this.db<IncidentRow>('opsdeck_incidents')
        .whereIn('service', chunk)
        .where('opened_at', '>=', window.from)
        .where('opened_at', '<', window.to);
      incidents.push(...i.map(rowToIncident));
    }
    return { deployments, incidents };
  }

  /**
   * The per-record facts of these services inside the window only, and when they first sent a
   * deployment — everything the window's metrics need.
   */
  async readWindowFacts(
    services: readonly string[],
    window: { from: number; to: number },
  ): Promise<DoraScopeFacts> {
    const facts: DoraScopeFacts = { deployments: [], incidents: [] };
    for (const chunk of chunks(services)) {
      await this.addFactsInWindow(facts, chunk, window);
    }
    for (const service of services) {
      // Through the (service, finished_at) index: one row, however long the history.
      const first = await this.db('opsdeck_deployments')
        .where('service', service)
        .whereNotNull('finished_at')
        .orderBy('finished_at')
        .first('finished_at');
      const pending = await this.db('opsdeck_deployments')
        .where('service', service)
        .whereNull('finished_at')
        .min({ t: 'started_at' })
        .first();
      for (const t of [first?.finished_at, pending?.t]) {
        if (t === null || t === undefined) continue;
        if (facts.firstSentAt === undefined || Number(t) < facts.firstSentAt)
          facts.firstSentAt = Number(t);
      }
    }
    return facts;
  }

  /**
   * Several services' facts in a window, each apart, and the start times of their deployments
   * that started in it but have not finished (they count as sent): what daily rollups are made
   * of. Three queries however many services.
   */
  async readServicesFacts(
    services: readonly string[],
    window: { from: number; to: number },
  ): Promise<Map<string, { facts: DoraScopeFacts; pendingSentAt: number[] }>> {
    const out = new Map<
      string,
      { facts: DoraScopeFacts; pendingSentAt: number[] }
    >();
    for (const service of services) {
      out.set(service, {
        facts: { deployments: [], incidents: [] },
        pendingSentAt: [],
      });
    }
    for (const chunk of chunks(services)) {
      const serviceOf = new Map<string, string>();
      const collected: DoraScopeFacts = { deployments: [], incidents: [] };
      await this.addFactsInWindow(collected, chunk, window, serviceOf);
      for (const d of collected.deployments) {
        out.get(serviceOf.get(d.key)!)!.facts.deployments.push(d);
      }
      for (const i of collected.incidents) {
        out.get(serviceOf.get(i.key)!)!.facts.incidents.push(i);
      }
      const pending = await this.db('opsdeck_deployments')
        .whereIn('service', chunk)
        .whereNull('finished_at')
        .where('started_at', '>=', window.from)
        .where('started_at', '<', window.to)
        .select('service', 'started_at');
      for (const r of pending) {
        out.get(String(r.service))!.pendingSentAt.push(Number(r.started_at));
      }
    }
    return out;
  }

  private async addFactsInWindow(
    facts: DoraScopeFacts,
    services: readonly string[],
    window: { from: number; to: number },
    /** Filled with each record's service, when given. */
    serviceOf?: Map<string, string>,
  ): Promise<void> {
    const deployments = await this.db<DeploymentRow>('opsdeck_deployments')
      .whereIn('service', services as string[])
      .where('finished_at', '>=', window.from)
      .where('finished_at', '<', window.to)
      .whereNotNull('fact_completed_production')
      // Only what the facts need: not the changes, titles or links.
      .select(
        'record_key',
        'service',
        'finished_at',
        ...DEPLOYMENT_FACT_COLUMNS,
      );
    for (const r of deployments) {
      serviceOf?.set(r.record_key, r.service);
      const recovery = r.fact_recovery;
      facts.deployments.push({
        key: r.record_key,
        finishedAt: Number(r.finished_at),
        productionSuccess: Boolean(r.fact_production_success),
        completedProduction: Boolean(r.fact_completed_production),
        failed: Boolean(r.fact_failed),
        rework: Boolean(r.fact_rework),
        ...(recovery === null || recovery === undefined
          ? {}
          : {
              recovery:
                recovery === 'unrecovered' || recovery === 'discarded'
                  ? recovery
                  : Number(recovery),
            }),
        leadTimes: JSON.parse(r.fact_lead_times ?? '[]'),
      });
    }
    const incidents = await this.db<IncidentRow>('opsdeck_incidents')
      .whereIn('service', services as string[])
      .where('opened_at', '>=', window.from)
      .where('opened_at', '<', window.to)
      .where('fact_counts', true)
      .select(
        'record_key',
        'service',
        'opened_at',
        'resolved_at',
        'fact_duration',
      );
    for (const r of incidents) {
      serviceOf?.set(r.record_key, r.service);
      facts.incidents.push({
        key: r.record_key,
        openedAt: Number(r.opened_at),
        ...(r.fact_duration === null || r.fact_duration === undefined
          ? {}
          : { duration: Number(r.fact_duration) }),
        unresolved: r.resolved_at === null,
      });
    }
  }

  /**
   * The scope's records in the window, newest first (deployments by finish time, incidents by
   * open time), after the cursor `{t, key}`: the provenance behind the numbers.
   */
  async listRecords(
    services: readonly string[],
    query: {
      from: number;
      to: number;
      type?: 'deployment' | 'incident';
      after?: { t: number; key: string };
      limit: number;
    },
  ): Promise<
    Array<
      | {
          type: 'deployment';
          t: number;
          record: DoraDeployment;
          facts: { failed: boolean; rework: boolean };
        }
      | { type: 'incident'; t: number; record: DoraIncident }
    >
  > {
    const page = <R extends object>(table: string, timeColumn: string) => {
      const q = this.db<R>(table)
        .whereIn('service', services as string[])
        .where(timeColumn, '>=', query.from)
        .where(timeColumn, '<', query.to)
        .orderBy([
          { column: timeColumn, order: 'desc' },
          { column: 'record_key', order: 'desc' },
        ])
        .limit(query.limit);
      const after = query.after;
      if (after) {
        q.where(b =>
          b
            .where(timeColumn, '<', after.t)
            .orWhere(c =>
              c.where(timeColumn, after.t).where('record_key', '<', after.key),
            ),
        );
      }
      return q;
    };
    const out = [];
    if (query.type !== 'incident') {
      for (const r of (await page<DeploymentRow>(
        'opsdeck_deployments',
        'finished_at',
      )) as DeploymentRow[]) {
        out.push({
          type: 'deployment' as const,
          t: Number(r.finished_at),
          record: rowToDeployment(r),
          facts: {
            failed: Boolean(r.fact_failed),
            rework: Boolean(r.fact_rework),
          },
        });
      }
    }
    if (query.type !== 'deployment') {
      for (const r of (await page<IncidentRow>(
        'opsdeck_incidents',
        'opened_at',
      )) as IncidentRow[]) {
        out.push({
          type: 'incident' as const,
          t: Number(r.opened_at),
          record: rowToIncident(r),
        });
      }
    }
    out.sort((a, b) => b.t - a.t || (a.record.key < b.record.key ? 1 : -1));
    return out.slice(0, query.limit);
  }
}
