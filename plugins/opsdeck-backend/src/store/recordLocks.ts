import { Knex } from 'knex';

/**
 * Serialises writers of the same records. Each delivery inserts its events and then re-folds
 * the records from all their stored events; on PostgreSQL (read committed) two concurrent
 * deliveries for one record would each miss the other's uncommitted event and the last write
 * would lose one. A transaction-scoped advisory lock per key (record keys, or `service:…` for
 * a repository's pushes; taken in a fixed order) makes the second wait for the first. SQLite
 * already allows one writer at a time.
 *
 * @internal
 */
export async function lockRecords(
  tx: Knex.Transaction,
  keys: readonly string[],
): Promise<void> {
  if (!keys.length || !String(tx.client.config.client).includes('pg')) return;
  await tx.raw(
    `SELECT pg_advisory_xact_lock(h) FROM (
       SELECT DISTINCT hashtext(k) AS h FROM unnest(?::text[]) AS k ORDER BY 1
     ) AS locks`,
    [[...keys]],
  );
}
