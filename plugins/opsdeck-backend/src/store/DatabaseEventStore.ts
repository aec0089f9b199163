import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DeploymentEvent,
  DoraDeployment,
  DoraRules,
  DoraIncident,
  IncidentEvent,
  foldDeployments,
  foldIncidents,
} from '@opsdeck/backstage-plugin-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { chunks } from './chunks';
import { isTransientFault, openOpsDeckDatabase } from './database';
import {
  QueueMark,
  addMarks,
  claimMarks,
  clearMarks,
  eachOrAlone,
  recordFailure,
} from './workQueue';
import { affectedServices, recordDay, refreshServiceFacts } from './factsSql';
import { NewDelivery, insertDeliveryRow } from './DatabaseOpsDeckStore';
import { storableText } from '../wellFormed';
import { DatabaseRollupStore, DirtyDay } from './DatabaseRollupStore';
import { PushRecord, changesFromPushes, storePushes } from './pushesSql';
import { lockRecords } from './recordLocks';
import {
  DeploymentRow,
  IncidentRow,
  deploymentToRow,
  incidentToRow,
  rowToDeployment,
  rowToIncident,
} from './rows';

/** Services re-derived per round of {@link DatabaseEventStore.refreshPendingFacts}. */
const FACTS_BATCH = 200;

/** Marks services whose facts must be re-derived; call inside the transaction that changed them. */
const markFactsDirty = (tx: Knex.Transaction, services: Iterable<string>) =>
  addMarks(
    tx,
    'facts',
    [...services].map(service => ({ service })),
  );

type EventRow = {
  id?: number;
  kind: 'deployment' | 'incident';
  record_key: string;
  event_time: number | string;
  payload: string;
  payload_hash: string;
  received_at: number | string;
};

/**
 * What one accepted delivery changed.
 *
 * @public
 */
export interface IngestResult {
  /** The delivery was seen before: nothing was written again. */
  duplicate: boolean;
  /** Events stored now (an event identical to a stored one is not stored twice). */
  storedEvents: number;
  /** Records (deployments + incidents) whose folded state was written. */
  updatedRecords: number;
}

function eventRow(
  kind: EventRow['kind'],
  event: DeploymentEvent | IncidentEvent,
  receivedAt: number,
): EventRow {
  const payload = JSON.stringify(event);
  return {
    kind,
    record_key: event.key,
    event_time: event.eventTime,
    payload,
    payload_hash: createHash('sha256').update(payload).digest('hex'),
    received_at: receivedAt,
  };
}

/**
 * Deployment and incident events and the records folded from them. The only place that speaks
 * SQL about events.
 *
 * @public
 */
export class DatabaseEventStore {
  static async create(options: {
    database: DatabaseService;
    rules?: DoraRules;
  }): Promise<DatabaseEventStore> {
    return new DatabaseEventStore(
      await openOpsDeckDatabase(options.database),
      options.rules,
    );
  }

  constructor(
    private readonly db: Knex,
    private readonly rules: DoraRules = {},
  ) {}

  /**
   * Stores a delivery and its events in one transaction and re-folds every record they touch.
   * Either all of it is stored or none of it.
   */
  async ingest(batch: {
    delivery: NewDelivery;
    deployments: readonly DeploymentEvent[];
    incidents: readonly IncidentEvent[];
    /** Parts of the delivery OpsDeck cannot use: kept as their own quarantined deliveries. */
    quarantined?: readonly NewDelivery[];
  }): Promise<IngestResult> {
    return this.db.transaction(async tx => {
      const { inserted } = await insertDeliveryRow(tx, {
        ...batch.delivery,
        status: batch.delivery.status ?? 'processed',
      });
      if (!inserted)
        return { duplicate: true, storedEvents: 0, updatedRecords: 0 };
      for (const part of batch.quarantined ?? [])
        await insertDeliveryRow(tx, part);
      return this.storeEvents(tx, batch, batch.delivery.receivedAt);
    });
  }

  /**
   * Finishes a stored webhook delivery: its pushes, events and the changes walked from pushes
   * are stored and the delivery marked processed (or quarantined with a reason), in one
   * transaction. Returns false when the delivery was no longer pending (another runner did it).
   */
  async completeDelivery(outcome: {
    /** The raw delivery's row id; absent for records imported by a backfill. */
    id?: number;
    source: string;
    receivedAt: number;
    status: 'processed' | 'quarantined';
    reason?: string;
    deployments: readonly DeploymentEvent[];
    incidents: readonly IncidentEvent[];
    pushes: readonly PushRecord[];
  }): Promise<boolean> {
    return this.db.transaction(async tx => {
      if (outcome.id !== undefined) {
        const claimed = await tx('opsdeck_raw_deliveries')
          .where({ id: outcome.id, status: 'pending' })
          .update({
            status: outcome.status,
            reason:
              outcome.reason === undefined
                ? null
                : storableText(outcome.reason),
          });
        if (!claimed) return false;
      }
      if (outcome.status === 'quarantined') return true;
      // Pushes and deployments of one repository are walked together: a push and a deployment
      // stored at the same time must not each miss the other.
      await lockRecords(tx, [
        ...outcome.pushes.map(p => `service:${p.service}`),
        ...outcome.deployments.map(d => `service:${d.service}`),
        ...outcome.deployments.map(d => d.key),
        ...outcome.incidents.map(i => i.key),
      ]);
      await storePushes(tx, outcome.pushes, outcome.receivedAt);
      const walked = await changesFromPushes(tx, {
        source: outcome.source,
        deployments: outcome.deployments,
        pushes: outcome.pushes,
        productionEnvironments: this.rules.productionEnvironments,
      });
      await this.storeEvents(
        tx,
        {
          deployments: [...outcome.deployments, ...walked],
          incidents: outcome.incidents,
        },
        outcome.receivedAt,
      );
      return true;
    });
  }

  /** Stores events, re-folds the records they touch and queues facts and days. */
  private async storeEvents(
    tx: Knex.Transaction,
    batch: {
      deployments: readonly DeploymentEvent[];
      incidents: readonly IncidentEvent[];
    },
    now: number,
  ): Promise<IngestResult> {
    await lockRecords(tx, [
      ...batch.deployments.map(e => e.key),
      ...batch.incidents.map(e => e.key),
    ]);
    const rows = [
      ...batch.deployments.map(e => eventRow('deployment', e, now)),
      ...batch.incidents.map(e => eventRow('incident', e, now)),
    ];
    let storedEvents = 0;
    for (const chunk of chunks(rows)) {
      const ids = await tx<EventRow>('opsdeck_events')
        .insert(chunk)
        .onConflict(['kind', 'record_key', 'payload_hash'])
        .ignore()
        .returning('id');
      storedEvents += ids.length;
    }
    const deploymentKeys = [...new Set(batch.deployments.map(e => e.key))];
    const incidentKeys = [...new Set(batch.incidents.map(e => e.key))];
    const dirty = [
      ...(await this.refold(tx, 'deployment', deploymentKeys, now)),
      ...(await this.refold(tx, 'incident', incidentKeys, now)),
    ];
    // Facts are re-derived after the answer, once for many deliveries (refreshPendingFacts).
    await markFactsDirty(
      tx,
      await affectedServices(tx, { deploymentKeys, incidentKeys }),
    );
    await DatabaseRollupStore.markDirty(tx, dirty);
    return {
      duplicate: false,
      storedEvents,
      updatedRecords: deploymentKeys.length + incidentKeys.length,
    };
  }

  /**
   * Re-derives the records of these keys from all their stored events; returns the days they
   * were on before and are on now (their rollups change).
   */
  private async refold(
    tx: Knex.Transaction,
    kind: EventRow['kind'],
    keys: readonly string[],
    now: number,
  ): Promise<DirtyDay[]> {
    const table =
      kind === 'deployment' ? 'opsdeck_deployments' : 'opsdeck_incidents';
    const dirty: DirtyDay[] = [];
    for (const chunk of chunks(keys)) {
      const before = await tx(table).whereIn('record_key', chunk);
      dirty.push(...before.flatMap(recordDay));
      const payloads = await tx<EventRow>('opsdeck_events')
        .where('kind', kind)
        .whereIn('record_key', chunk)
        .select('payload');
      const events = payloads.map(p => JSON.parse(p.payload));
      const records =
        kind === 'deployment'
          ? foldDeployments(events).map(d => deploymentToRow(d, now))
          : foldIncidents(events).map(i => incidentToRow(i, now));
      if (!records.length) continue;
      await tx(table).insert(records).onConflict('record_key').merge();
      dirty.push(...records.flatMap(recordDay));
    }
    return dirty;
  }

  /**
   * Deletes a record (deployment and/or incident with this key) and all its events, and queues
   * the services and days it touched for re-derivation. One transaction.
   */
  async deleteRecord(
    key: string,
  ): Promise<{ deleted: Array<'deployment' | 'incident'>; events: number }> {
    return this.db.transaction(async tx => {
      const services = await affectedServices(tx, {
        deploymentKeys: [key],
        incidentKeys: [key],
      });
      const dirty: DirtyDay[] = [];
      const deleted: Array<'deployment' | 'incident'> = [];
      for (const [kind, table] of [
        ['deployment', 'opsdeck_deployments'],
        ['incident', 'opsdeck_incidents'],
      ] as const) {
        const rows = await tx(table).where('record_key', key);
        if (!rows.length) continue;
        deleted.push(kind);
        dirty.push(...rows.flatMap(recordDay));
        await tx(table).where('record_key', key).delete();
      }
      const events = await tx('opsdeck_events')
        .where('record_key', key)
        .delete();
      await markFactsDirty(tx, services);
      await DatabaseRollupStore.markDirty(tx, dirty);
      return { deleted, events: Number(events) };
    });
  }

  /** Deployments by record key. */
  async getDeployments(keys: readonly string[]): Promise<DoraDeployment[]> {
    const out: DoraDeployment[] = [];
    for (const chunk of chunks(keys)) {
      const rows = await this.db<DeploymentRow>('opsdeck_deployments').whereIn(
        'record_key',
        chunk,
      );
      out.push(...rows.map(rowToDeployment));
    }
    return out;
  }

  /** Incidents by record key. */
  async getIncidents(keys: readonly string[]): Promise<DoraIncident[]> {
    const out: DoraIncident[] = [];
    for (const chunk of chunks(keys)) {
      const rows = await this.db<IncidentRow>('opsdeck_incidents').whereIn(
        'record_key',
        chunk,
      );
      out.push(...rows.map(rowToIncident));
    }
    return out;
  }

  /** Small plugin state (e.g. the hash of the rules the stored facts follow). */
  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db('opsdeck_meta').where('key', key).first();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db('opsdeck_meta')
      .insert({ key, value })
      .onConflict('key')
      .merge();
  }

  /**
   * Re-derives the facts of services marked by ingestion (all of them, or only these) and queues
   * the days whose facts changed. A service whose facts cannot be derived does not hold up the
   * others: it is tried alone, its error kept, and after its last try set aside. Returns how
   * many services were refreshed.
   */
  async refreshPendingFacts(only?: readonly string[]): Promise<number> {
    let refreshed = 0;
    for (;;) {
      const marks = await claimMarks(this.db, 'facts', {
        limit: FACTS_BATCH,
        now: Date.now(),
        services: only,
      });
      if (!marks.length) return refreshed;
      const refresh = (group: readonly QueueMark[]) =>
        this.db.transaction(async tx => {
          await DatabaseRollupStore.markDirty(
            tx,
            await refreshServiceFacts(
              tx,
              group.map(m => m.service),
              this.rules,
            ),
          );
          // A mark renewed meanwhile keeps its new token and stays for the next round.
          await clearMarks(tx, 'facts', group);
        });
      refreshed += await eachOrAlone(
        marks,
        refresh,
        (failed, error) =>
          recordFailure(
            this.db,
            'facts',
            failed,
            error,
            isTransientFault(error),
          ),
        isTransientFault,
      );
      if (only) return refreshed;
      // Let waiting requests in between rounds (better-sqlite3 answers synchronously).
      await new Promise(resolve => setImmediate(resolve));
    }
  }

  /** Re-derives every service's facts, e.g. after the DORA rules changed; queues changed days. */
  async rebuildAllFacts(): Promise<number> {
    const rows = await this.db('opsdeck_deployments').distinct('service');
    const incidents = await this.db('opsdeck_incidents').distinct('service');
    const services = new Set(
      [...rows, ...incidents].map(r => String(r.service)),
    );
    for (const group of chunks([...services], 50)) {
      await this.db.transaction(async tx =>
        DatabaseRollupStore.markDirty(
          tx,
          await refreshServiceFacts(tx, group, this.rules),
        ),
      );
    }
    return services.size;
  }

  /** How many events and records are stored (for health and tests). */
  async counts(): Promise<{
    events: number;
    deployments: number;
    incidents: number;
  }> {
    const count = async (table: string) =>
      Number((await this.db(table).count({ n: '*' }))[0].n);
    return {
      events: await count('opsdeck_events'),
      deployments: await count('opsdeck_deployments'),
      incidents: await count('opsdeck_incidents'),
    };
  }
}
