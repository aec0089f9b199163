import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { openOpsDeckDatabase } from './database';
import { queueCounts } from './workQueue';

/** The newest stored event: its row id and when it was received. @internal */
export interface EventMark {
  id: number;
  receivedAt: number;
}

/**
 * How far derivation has come: small plugin state, the newest event, the queues' sizes.
 *
 * @internal
 */
export interface DerivationStateStore {
  getMeta(key: string): Promise<string | undefined>;
  /** Several values in one read. */
  getMetas(keys: readonly string[]): Promise<Map<string, string>>;
  setMeta(key: string, value: string): Promise<void>;
  /** The newest stored event, if any. */
  newestEvent(): Promise<EventMark | undefined>;
  /**
   * How many events were stored after the one with this row id. With `exactUpTo`, counted
   * exactly up to that many; above it, the difference of row ids (the count where ids have no
   * gaps, else more), so the cost of an answer does not grow with a backlog.
   */
  eventsAfter(id: number, exactUpTo?: number): Promise<number>;
  /** When the first event after this id was received; undefined when there is none. */
  firstReceivedAfter(id: number): Promise<number | undefined>;
  /** Marks waiting in the derivation queues (set-aside ones not counted), and set aside. */
  queueCounts(): Promise<{ pending: number; setAside: number }>;
}

/**
 * Derivation state in SQL.
 *
 * @internal
 */
export class DatabaseDerivationStore implements DerivationStateStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDerivationStore> {
    return new DatabaseDerivationStore(
      await openOpsDeckDatabase(options.database),
    );
  }

  /** A store on an open client (the plugin opens the database once). */
  static of(db: Knex): DatabaseDerivationStore {
    return new DatabaseDerivationStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db('opsdeck_meta').where('key', key).first();
    return row?.value;
  }

  async getMetas(keys: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db('opsdeck_meta')
      .whereIn('key', [...keys])
      .select('key', 'value');
    return new Map(rows.map(r => [String(r.key), String(r.value)]));
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db('opsdeck_meta')
      .insert({ key, value })
      .onConflict('key')
      .merge();
  }

  async newestEvent(): Promise<EventMark | undefined> {
    const row = await this.db('opsdeck_events')
      .orderBy('id', 'desc')
      .first('id', 'received_at');
    return row
      ? { id: Number(row.id), receivedAt: Number(row.received_at) }
      : undefined;
  }

  async eventsAfter(id: number, exactUpTo?: number): Promise<number> {
    if (exactUpTo === undefined) {
      const [{ n }] = await this.db('opsdeck_events')
        .where('id', '>', id)
        .count({ n: '*' });
      return Number(n);
    }
    const [{ n }] = await this.db
      .from(
        this.db('opsdeck_events')
          .where('id', '>', id)
          .select('id')
          .limit(exactUpTo + 1)
          .as('after'),
      )
      .count({ n: '*' });
    if (Number(n) <= exactUpTo) return Number(n);
    const newest = await this.newestEvent();
    return Math.max(Number(n), (newest?.id ?? id) - id);
  }

  async firstReceivedAfter(id: number): Promise<number | undefined> {
    const row = await this.db('opsdeck_events')
      .where('id', '>', id)
      .orderBy('id')
      .first('received_at');
    return row ? Number(row.received_at) : undefined;
  }

  queueCounts(): Promise<{ pending: number; setAside: number }> {
    return queueCounts(this.db);
  }
}
