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
import { openOpsDeckDatabase } from './database';
import { componentsOfRecords, earliest } from './componentsSql';
import { markFactsDirty } from './DatabaseFactsStore';
import { insertDeliveryRow } from './DatabaseOpsDeckStore';
import {
  DeliveryOutcome,
  EventStore,
  IngestBatch,
  IngestResult,
} from './EventStore';
import { storableText } from '../wellFormed';
import { PushRecord, changesFromPushes, storePushes } from './pushesSql';
import { lockRecords } from './recordLocks';
import {
  DeploymentRow,
  IncidentRow,
  deploymentToRow,
  incidentToRow,
  rowToDeployment,
  rowToIncident,
  splitRecordKey,
} from './rows';

type EventRow = {
  id?: number;
  kind: 'deployment' | 'incident';
  record_key: string;
  event_time: number | string;
  payload: string;
  payload_hash: string;
  received_at: number | string;
};

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
 * Events in SQL. The only place that speaks SQL about events. Storing records queues the
 * Components they belong to for the projection (in the same transaction); it derives nothing.
 *
 * @public
 */
export class DatabaseEventStore implements EventStore {
  static async create(options: {
    database: DatabaseService;
    rules?: DoraRules;
  }): Promise<DatabaseEventStore> {
    return new DatabaseEventStore(
      await openOpsDeckDatabase(options.database),
      options.rules,
    );
  }

  /** A store on an open client (the plugin opens the database once). */
  static of(db: Knex, rules: DoraRules = {}): DatabaseEventStore {
    return new DatabaseEventStore(db, rules);
  }

  private constructor(
    private readonly db: Knex,
    private readonly rules: DoraRules = {},
  ) {}

  /**
   * Stores a delivery and its events in one transaction and re-folds every record they touch.
   * Either all of it is stored or none of it.
   */
  async ingest(batch: IngestBatch): Promise<IngestResult> {
    return this.db.transaction(async tx => {
      const { inserted } = await insertDeliveryRow(tx, {
        ...batch.delivery,
        status: batch.delivery.status ?? 'processed',
      });
      if (!inserted)
        return { duplicate: true, storedEvents: 0, updatedRecords: 0 };
      for (const part of batch.quarantined ?? [])
        await insertDeliveryRow(tx, part);
      const now = batch.delivery.receivedAt;
      // Deployments are walked back through pushes (merged commits) only for sources that send
      // any: others list their changes themselves.
      const sources = new Set((batch.pushes ?? []).map(p => p.source));
      const unlisted = [
        ...new Set(
          batch.deployments
            .filter(d => d.commit?.sha && !d.changes)
            .map(d => splitRecordKey(d.key).source),
        ),
      ].filter(source => !sources.has(source));
      // One index probe per source (the primary key leads with it), however many pushes it has.
      for (const source of unlisted) {
        if (await tx('opsdeck_pushes').where({ source }).first('source')) {
          sources.add(source);
        }
      }
      if (!sources.size) return this.storeEvents(tx, batch, now);
      const walked = await this.storePushes(tx, batch, now, sources);
      return this.storeEvents(
        tx,
        {
          deployments: [...batch.deployments, ...walked],
          incidents: batch.incidents,
        },
        now,
      );
    });
  }

  /**
   * Stores pushes and walks them, with the deployments stored alongside, into deployments'
   * changes — per source, as a source's pushes describe its own deployments' commits (a
   * webhook delivery's deployments walk even without pushes in it).
   */
  private async storePushes(
    tx: Knex.Transaction,
    batch: {
      deployments: readonly DeploymentEvent[];
      incidents: readonly IncidentEvent[];
      pushes?: readonly PushRecord[];
    },
    receivedAt: number,
    /** The sources whose deployments are walked. */
    sources: ReadonlySet<string>,
  ): Promise<DeploymentEvent[]> {
    const pushes = batch.pushes ?? [];
    // Pushes and deployments of one repository are walked together: a push and a deployment
    // stored at the same time must not each miss the other.
    await lockRecords(tx, [
      ...pushes.map(p => `service:${p.service}`),
      ...batch.deployments.map(d => `service:${d.service}`),
      ...batch.deployments.map(d => d.key),
      ...batch.incidents.map(i => i.key),
    ]);
    await storePushes(tx, pushes, receivedAt);
    const walked: DeploymentEvent[] = [];
    for (const source of sources) {
      walked.push(
        ...(await changesFromPushes(tx, {
          source,
          deployments: batch.deployments.filter(
            d => splitRecordKey(d.key).source === source,
          ),
          pushes: pushes.filter(p => p.source === source),
          productionEnvironments: this.rules.productionEnvironments,
        })),
      );
    }
    return walked;
  }

  /**
   * Finishes a stored webhook delivery: its pushes, events and the changes walked from pushes
   * are stored and the delivery marked processed (or quarantined with a reason), in one
   * transaction. Returns false when the delivery was no longer pending (another runner did it).
   */
  async completeDelivery(outcome: DeliveryOutcome): Promise<boolean> {
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
      const walked = await this.storePushes(
        tx,
        outcome,
        outcome.receivedAt,
        new Set([outcome.source]),
      );
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

  /** Stores events, re-folds the records they touch and queues their Components. */
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
    const touched = { deploymentKeys, incidentKeys };
    // A record that moves to another service leaves its old Components too.
    const before = await componentsOfRecords(tx, touched);
    await this.refold(tx, 'deployment', deploymentKeys, now);
    await this.refold(tx, 'incident', incidentKeys, now);
    // Facts are derived after the answer, by the projection, once for many deliveries.
    await markFactsDirty(
      tx,
      earliest(before, await componentsOfRecords(tx, touched)),
    );
    return {
      duplicate: false,
      storedEvents,
      updatedRecords: deploymentKeys.length + incidentKeys.length,
    };
  }

  /** Re-folds the records of these keys from all their stored events. */
  private async refold(
    tx: Knex.Transaction,
    kind: EventRow['kind'],
    keys: readonly string[],
    now: number,
  ): Promise<void> {
    const table =
      kind === 'deployment' ? 'opsdeck_deployments' : 'opsdeck_incidents';
    for (const chunk of chunks(keys)) {
      const payloads = await tx<EventRow>('opsdeck_events')
        .where('kind', kind)
        .whereIn('record_key', chunk)
        .select('payload');
      const events = payloads.map(p => JSON.parse(p.payload));
      if (kind === 'deployment') {
        const folded = foldDeployments(events);
        if (!folded.length) continue;
        await tx(table)
          .insert(folded.map(d => deploymentToRow(d, now)))
          .onConflict('record_key')
          .merge();
        await writeAuthors(tx, chunk, folded);
        continue;
      }
      const records = foldIncidents(events).map(i => incidentToRow(i, now));
      if (!records.length) continue;
      await tx(table).insert(records).onConflict('record_key').merge();
    }
  }

  /**
   * Deletes a record (deployment and/or incident with this key) and all its events, and queues
   * the Components it touched for re-derivation. One transaction.
   */
  async deleteRecord(
    key: string,
  ): Promise<{ deleted: Array<'deployment' | 'incident'>; events: number }> {
    return this.db.transaction(async tx => {
      const components = await componentsOfRecords(tx, {
        deploymentKeys: [key],
        incidentKeys: [key],
      });
      const deleted: Array<'deployment' | 'incident'> = [];
      for (const [kind, table] of [
        ['deployment', 'opsdeck_deployments'],
        ['incident', 'opsdeck_incidents'],
      ] as const) {
        const rows = await tx(table).where('record_key', key);
        if (!rows.length) continue;
        deleted.push(kind);
        await tx(table).where('record_key', key).delete();
      }
      const events = await tx('opsdeck_events')
        .where('record_key', key)
        .delete();
      await tx('opsdeck_change_authors').where('record_key', key).delete();
      await markFactsDirty(tx, components);
      return { deleted, events: Number(events) };
    });
  }

  /**
   * The first deployment shipping a change this author wrote (email compared in lower case)
   * that `counts` accepts: successful ones, earliest finish first, a page at a time.
   */
  async firstDeploymentAuthoredBy(
    email: string,
    counts: (deployment: DoraDeployment) => boolean,
  ): Promise<DoraDeployment | undefined> {
    const page = 100;
    for (let offset = 0; ; offset += page) {
      const rows = await this.db('opsdeck_change_authors as a')
        .join('opsdeck_deployments as d', 'd.record_key', 'a.record_key')
        .where('a.author_email', email.toLocaleLowerCase('en-US'))
        .where('d.status', 'success')
        .whereNotNull('d.finished_at')
        .orderBy('d.finished_at')
        .offset(offset)
        .limit(page)
        .select('d.*');
      const found = rows.map(rowToDeployment).find(counts);
      if (found || rows.length < page) return found;
    }
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

/** Rewrites who authored the changes of these folded deployments (most ship none: one delete). */
async function writeAuthors(
  tx: Knex.Transaction,
  keys: readonly string[],
  folded: readonly DoraDeployment[],
): Promise<void> {
  await tx('opsdeck_change_authors').whereIn('record_key', keys).delete();
  const rows = folded.flatMap(d => {
    const emails = new Set(
      (d.changes ?? []).flatMap(c => (c.authorEmail ? [c.authorEmail] : [])),
    );
    return [...emails].map(author_email => ({
      record_key: d.key,
      author_email,
    }));
  });
  for (const chunk of chunks(rows)) {
    await tx('opsdeck_change_authors').insert(chunk);
  }
}
