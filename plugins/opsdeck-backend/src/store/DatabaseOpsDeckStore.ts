import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { openOpsDeckDatabase } from './database';
import { storableText } from '../wellFormed';
import {
  SetAsideMark,
  listSetAside,
  queueCounts,
  retrySetAside,
} from './workQueue';

/** Headers never stored: credentials and signatures. */
const REDACTED_HEADERS =
  /^(authorization|cookie|proxy-authorization|x-gitlab-token|x-hub-signature(-256)?|x-pagerduty-signature|webhook-signature|x-api-key|.*token.*|.*secret.*)$/i;

/**
 * The state of a stored raw delivery.
 *
 * @public
 */
export type DeliveryStatus = 'pending' | 'processed' | 'quarantined' | 'failed';

/**
 * A raw delivery as stored.
 *
 * @public
 */
export interface RawDelivery {
  id: number;
  source: string;
  deliveryId: string;
  receivedAt: number;
  headers: Record<string, string>;
  body: Buffer;
  status: DeliveryStatus;
  reason?: string;
}

type DeliveryRow = {
  id: number | string;
  source: string;
  delivery_id: string;
  received_at: number | string;
  headers: string;
  body: Buffer;
  status: DeliveryStatus;
  reason: string | null;
};

function toDelivery(row: DeliveryRow): RawDelivery {
  return {
    id: Number(row.id),
    source: row.source,
    deliveryId: row.delivery_id,
    receivedAt: Number(row.received_at),
    headers: JSON.parse(row.headers),
    body: Buffer.from(row.body),
    status: row.status,
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

/**
 * Removes credentials and signatures from request headers before they are stored.
 *
 * @public
 */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || REDACTED_HEADERS.test(name)) continue;
    kept[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

/**
 * A raw delivery to store.
 *
 * @public
 */
export interface NewDelivery {
  source: string;
  deliveryId: string;
  receivedAt: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  status?: DeliveryStatus;
  reason?: string;
}

/** What the delivery-id column holds. */
const DELIVERY_ID_LENGTH = 255;

/**
 * A sender's delivery id as the column holds it: itself when it fits and is well-formed text,
 * else its SHA-256 (still the same for a redelivery of the same id).
 *
 * @internal
 */
export function storableDeliveryId(id: string): string {
  return id && id.length <= DELIVERY_ID_LENGTH && storableText(id) === id
    ? id
    : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/**
 * Stores a delivery unless one with the same source and delivery id exists (then returns
 * `inserted: false` and changes nothing). Takes a transaction so ingest can store the delivery
 * and its events atomically.
 *
 * @internal
 */
export async function insertDeliveryRow(
  db: Knex,
  delivery: NewDelivery,
): Promise<{ inserted: boolean; id?: number }> {
  const rows = await db<DeliveryRow>('opsdeck_raw_deliveries')
    .insert({
      source: delivery.source,
      delivery_id: delivery.deliveryId,
      received_at: delivery.receivedAt,
      headers: JSON.stringify(redactHeaders(delivery.headers)),
      body: delivery.body,
      status: delivery.status ?? 'pending',
      reason:
        delivery.reason === undefined ? null : storableText(delivery.reason),
    })
    .onConflict(['source', 'delivery_id'])
    .ignore()
    .returning('id');
  const first = rows[0] as
    | { id: number | string }
    | number
    | string
    | undefined;
  const id = typeof first === 'object' ? first.id : first;
  return id === undefined
    ? { inserted: false }
    : { inserted: true, id: Number(id) };
}

/**
 * Raw deliveries. The only place that speaks SQL about them.
 *
 * @public
 */
export class DatabaseOpsDeckStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseOpsDeckStore> {
    return new DatabaseOpsDeckStore(
      await openOpsDeckDatabase(options.database),
    );
  }

  constructor(private readonly db: Knex) {}

  /** Throws when the database does not answer. */
  async ping(): Promise<void> {
    await this.db.raw('select 1');
  }

  /**
   * Stores a delivery unless one with the same source and delivery id exists.
   * Returns whether it was new; a redelivery returns false and changes nothing.
   */
  async insertDelivery(
    delivery: NewDelivery,
  ): Promise<{ inserted: boolean; id?: number }> {
    return insertDeliveryRow(this.db, delivery);
  }

  /** Pending webhook deliveries, oldest first (the sweep finishes them). */
  async pendingDeliveries(options: {
    sources: readonly string[];
    limit: number;
  }): Promise<RawDelivery[]> {
    if (!options.sources.length) return [];
    const query = this.db<DeliveryRow>('opsdeck_raw_deliveries')
      .where('status', 'pending')
      .whereIn('source', options.sources as string[])
      .orderBy('id', 'asc')
      .limit(options.limit);
    return (await query).map(toDelivery);
  }

  /** Marks a pending delivery failed (it could not be stored); admins see why. */
  async markFailed(id: number, reason: string): Promise<void> {
    await this.db('opsdeck_raw_deliveries')
      .where({ id, status: 'pending' })
      .update({
        status: 'failed',
        reason: storableText(reason.slice(0, 2000)),
      });
  }

  /** Derivation work set aside after its last try, newest first. */
  listSetAside(limit: number): Promise<SetAsideMark[]> {
    return listSetAside(this.db, limit);
  }

  /** Puts set-aside work back in line; returns how many marks. */
  retrySetAside(service?: string): Promise<number> {
    return retrySetAside(this.db, service);
  }

  /** Marks pending in the derivation queues, and set aside. */
  queueCounts(): Promise<{ pending: number; setAside: number }> {
    return queueCounts(this.db);
  }

  /** One delivery by its row id. */
  async getDelivery(id: number): Promise<RawDelivery | undefined> {
    const row = await this.db<DeliveryRow>('opsdeck_raw_deliveries')
      .where('id', id)
      .first();
    return row && toDelivery(row);
  }

  /** How many raw deliveries are kept in each status. */
  async deliveryCounts(): Promise<Record<DeliveryStatus, number>> {
    const out: Record<DeliveryStatus, number> = {
      pending: 0,
      processed: 0,
      quarantined: 0,
      failed: 0,
    };
    const rows: Array<{ status: DeliveryStatus; n: number | string }> =
      await this.db('opsdeck_raw_deliveries')
        .groupBy('status')
        .select('status')
        .count({ n: '*' });
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /**
   * Deletes raw deliveries received before the instant, except pending ones (not yet
   * normalised). Their events stay. Returns how many were deleted.
   */
  async purgeDeliveries(receivedBefore: number): Promise<number> {
    return Number(
      await this.db('opsdeck_raw_deliveries')
        .where('received_at', '<', receivedBefore)
        .whereNot('status', 'pending')
        .delete(),
    );
  }

  /** Deliveries newest first, filtered by source and status, after the cursor (an id). */
  async listDeliveries(options: {
    source?: string;
    status?: DeliveryStatus;
    before?: number;
    limit: number;
  }): Promise<RawDelivery[]> {
    const query = this.db<DeliveryRow>('opsdeck_raw_deliveries')
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.source) query.where('source', options.source);
    if (options.status) query.where('status', options.status);
    if (options.before !== undefined) query.where('id', '<', options.before);
    return (await query).map(toDelivery);
  }
}
