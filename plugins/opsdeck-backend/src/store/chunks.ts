import { setImmediate } from 'node:timers/promises';

/** Items per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

/**
 * Splits a list into statement-sized chunks.
 *
 * @internal
 */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** How long a run of statements may hold the event loop before it lets others in. */
const TURN_MS = 50;

/**
 * {@link chunks}, handed out so that the event loop gets a turn at least every 50 ms:
 * better-sqlite3 answers synchronously, so a long run of awaited statements (a busy Component's
 * whole history) would otherwise hold the loop until it ends — no request read, no `/health`
 * answered, and keep-alive connections timed out under their clients' next request.
 *
 * @internal
 */
export async function* pacedChunks<T>(
  items: readonly T[],
  size = CHUNK,
): AsyncGenerator<T[]> {
  let last = performance.now();
  for (let i = 0; i < items.length; i += size) {
    if (performance.now() - last >= TURN_MS) {
      await setImmediate();
      last = performance.now();
    }
    yield items.slice(i, i + size);
  }
}
