import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@opsdeck/backstage-plugin-backend',
  'migrations',
);

/**
 * The plugin's database client, migrated to the latest schema. On SQLite, WAL is turned on:
 * the embedded database is one file and WAL lets readers proceed while a write is open.
 *
 * @internal
 */
export async function openOpsDeckDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (String(client.client.config.client).includes('sqlite')) {
    await client.raw('PRAGMA journal_mode = WAL');
    await client.raw('PRAGMA busy_timeout = 5000');
  }
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

const TRANSIENT_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/**
 * Whether a database error is a transient fault (locked, down, overloaded): worth retrying.
 *
 * @internal
 */
export function isTransientFault(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    (e.code !== undefined && TRANSIENT_CODES.has(e.code)) ||
    /Unable to acquire a connection|Timeout acquiring a connection|Connection terminated|database is locked/i.test(
      e.message ?? '',
    )
  );
}

/**
 * Runs a database operation; a transient fault (database locked, down, overloaded) becomes a
 * 503 with `Retry-After`, so senders retry instead of giving up.
 *
 * @internal
 */
export async function withTransientFaults<T>(
  operation: () => Promise<T>,
  onTransient: (retryAfterSeconds: number) => void,
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!isTransientFault(error)) throw error;
    onTransient(5);
    throw new ServiceUnavailableError(
      'OpsDeck could not reach its database; nothing was stored, retry later',
      error,
    );
  }
}
