import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { pushTo } from '../collections';
import { chunks } from './chunks';

/** Tries a queue mark gets before it is set aside. */
export const MAX_ATTEMPTS = 5;

/** Wait before try n + 1 after try n: 2 s, 10 s, 50 s, 250 s. */
export const backoffMs = (attempt: number) =>
  Math.min(2000 * 5 ** (attempt - 1), 10 * 60_000);

/** The two derivation queues: facts per service, rollups per service and day. */
export type QueueName = 'facts' | 'rollups';

const TABLES: Record<QueueName, { table: string; key: readonly string[] }> = {
  facts: { table: 'opsdeck_facts_dirty', key: ['service'] },
  rollups: { table: 'opsdeck_rollup_dirty', key: ['service', 'day'] },
};

/** A mark as taken from a queue. @internal */
export interface QueueMark {
  service: string;
  /** Rollup marks only. */
  day?: number;
  /** Facts marks only: the earliest time of a changed record; null: the whole history. */
  since?: number | null;
  token: string;
  attempts: number;
}

/** A mark set aside after its last try. @internal */
export interface SetAsideMark {
  queue: QueueName;
  service: string;
  day?: number;
  attempts: number;
  reason: string;
  setAsideAt: number;
}

const keyOf = (queue: QueueName, mark: Pick<QueueMark, 'service' | 'day'>) =>
  queue === 'facts'
    ? { service: mark.service }
    : { service: mark.service, day: mark.day };

const toMark = (row: Record<string, unknown>): QueueMark => ({
  service: String(row.service),
  ...(row.day === undefined ? {} : { day: Number(row.day) }),
  ...(row.since === undefined
    ? {}
    : { since: row.since === null ? null : Number(row.since) }),
  token: String(row.token),
  attempts: Number(row.attempts),
});

/**
 * Queues marks (call inside the transaction that changed their data). A mark already queued
 * gets a new token and a fresh set of tries — new data deserves a new attempt — but one set
 * aside stays aside until an admin retries it.
 *
 * @internal
 */
export async function addMarks(
  db: Knex | Knex.Transaction,
  queue: QueueName,
  marks: ReadonlyArray<Pick<QueueMark, 'service' | 'day' | 'since'>>,
): Promise<void> {
  const { table, key } = TABLES[queue];
  // A facts mark queued again keeps the earlier of the two times (null, the whole history, wins).
  const since =
    queue === 'facts'
      ? {
          since: db.raw(
            `case when ??.since is null or excluded.since is null then null
             when excluded.since < ??.since then excluded.since else ??.since end`,
            [table, table, table],
          ),
        }
      : {};
  for (const chunk of chunks([...marks])) {
    await db(table)
      .insert(
        chunk.map(m => ({
          ...keyOf(queue, m),
          ...(queue === 'facts' ? { since: m.since ?? null } : {}),
          token: randomUUID(),
        })),
      )
      .onConflict([...key])
      .merge({
        token: db.raw('excluded.token'),
        attempts: 0,
        not_before: 0,
        ...since,
      });
  }
}

/**
 * Takes up to `limit` marks that are due and claims each: the try is counted and the next one
 * deferred before any work starts, so a mark that never gets cleared — its work fails, hangs or
 * kills the process — is not taken again at once and cannot hold up the queue. A mark out of
 * tries is set aside instead (kept, listed for admins). A mark another runner claimed or renewed
 * meanwhile is left to it.
 *
 * @internal
 */
export async function claimMarks(
  db: Knex,
  queue: QueueName,
  options: { limit: number; now: number; services?: readonly string[] },
): Promise<QueueMark[]> {
  const { table, key } = TABLES[queue];
  const { limit, now, services } = options;
  const query = db(table)
    .whereNull('set_aside_at')
    .where('not_before', '<=', now)
    .orderBy([...key])
    .limit(limit);
  if (services) query.whereIn('service', services as string[]);
  const rows: QueueMark[] = (await query).map(toMark);
  if (!rows.length) return rows;
  return db.transaction(async tx => {
    const claimed: QueueMark[] = [];
    const byAttempts = new Map<number, QueueMark[]>();
    for (const mark of rows) {
      if (mark.attempts >= MAX_ATTEMPTS) {
        await tx(table)
          .where({ ...keyOf(queue, mark), token: mark.token })
          .where('attempts', mark.attempts)
          .whereNull('set_aside_at')
          .update({
            set_aside_at: now,
            last_error: tx.raw('coalesce(last_error, ?)', [
              `did not finish in ${MAX_ATTEMPTS} tries`,
            ]),
          });
      } else pushTo(byAttempts, mark.attempts, mark);
    }
    // One statement per 100 marks with the same count of tries; a mark another runner claimed
    // or renewed meanwhile no longer matches, and is not read back as ours.
    for (const [attempts, marks] of byAttempts) {
      const notBefore = now + backoffMs(attempts + 1);
      for (const chunk of chunks(marks, 100)) {
        const ours = (q: Knex.QueryBuilder) =>
          q.where(w => {
            for (const m of chunk)
              w.orWhere({ ...keyOf(queue, m), token: m.token });
          });
        await ours(tx(table))
          .where('attempts', attempts)
          .whereNull('set_aside_at')
          .update({ attempts: attempts + 1, not_before: notBefore });
        const taken = await ours(tx(table))
          .where({ attempts: attempts + 1, not_before: notBefore })
          .whereNull('set_aside_at')
          .select([
            ...key,
            'token',
            'attempts',
            ...(queue === 'facts' ? ['since'] : []),
          ]);
        claimed.push(...taken.map(toMark));
      }
    }
    // In the queue's order, as they were read.
    const place = (m: QueueMark) => `${m.service}\u0000${m.day ?? ''}`;
    const order = new Map(rows.map((m, i) => [place(m), i]));
    return claimed.sort((a, b) => order.get(place(a))! - order.get(place(b))!);
  });
}

/**
 * Clears finished marks, unless a newer mark came in meanwhile (its token differs); returns
 * how many it cleared.
 *
 * @internal
 */
export async function clearMarks(
  db: Knex | Knex.Transaction,
  queue: QueueName,
  marks: readonly QueueMark[],
): Promise<number> {
  const { table } = TABLES[queue];
  let cleared = 0;
  for (const chunk of chunks(marks, 100)) {
    cleared += Number(
      await db(table)
        .where(q => {
          for (const m of chunk)
            q.orWhere({ ...keyOf(queue, m), token: m.token });
        })
        .delete(),
    );
  }
  return cleared;
}

/**
 * After a failed try: a transient fault (the database busy or gone) gives the try back and
 * makes the mark due again; any other error is kept as the mark's reason, and the backoff set
 * when it was claimed stands.
 *
 * @internal
 */
export async function recordFailure(
  db: Knex,
  queue: QueueName,
  marks: readonly QueueMark[],
  error: unknown,
  transient: boolean,
): Promise<void> {
  const { table } = TABLES[queue];
  for (const chunk of chunks(marks, 100)) {
    await db(table)
      .where(q => {
        for (const m of chunk)
          q.orWhere({ ...keyOf(queue, m), token: m.token });
      })
      .update(
        transient
          ? { attempts: db.raw('attempts - 1'), not_before: 0 }
          : {
              last_error: String((error as Error)?.message ?? error).slice(
                0,
                2000,
              ),
            },
      );
  }
}

/** Marks set aside, newest first. @internal */
export async function listSetAside(
  db: Knex,
  limit: number,
): Promise<SetAsideMark[]> {
  const out: SetAsideMark[] = [];
  for (const queue of ['facts', 'rollups'] as const) {
    const rows = await db(TABLES[queue].table)
      .whereNotNull('set_aside_at')
      .orderBy('set_aside_at', 'desc')
      .limit(limit);
    out.push(
      ...rows.map(r => ({
        queue,
        service: String(r.service),
        ...(queue === 'rollups' ? { day: Number(r.day) } : {}),
        attempts: Number(r.attempts),
        reason: String(r.last_error ?? ''),
        setAsideAt: Number(r.set_aside_at),
      })),
    );
  }
  return out.sort((a, b) => b.setAsideAt - a.setAsideAt).slice(0, limit);
}

/** Puts set-aside marks (all, or one service's) back in line with a fresh set of tries. @internal */
export async function retrySetAside(
  db: Knex,
  service?: string,
): Promise<number> {
  let count = 0;
  for (const queue of ['facts', 'rollups'] as const) {
    const q = db(TABLES[queue].table).whereNotNull('set_aside_at');
    if (service !== undefined) q.where('service', service);
    count += Number(
      await q.update({
        set_aside_at: null,
        attempts: 0,
        not_before: 0,
        last_error: null,
      }),
    );
  }
  return count;
}

/** Marks waiting in each queue (set-aside ones not counted) and set aside. @internal */
export async function queueCounts(
  db: Knex,
): Promise<{ pending: number; setAside: number }> {
  let pending = 0;
  let setAside = 0;
  for (const queue of ['facts', 'rollups'] as const) {
    const [row] = await db(TABLES[queue].table).select(
      db.raw('count(*) as total'),
      db.raw('count(set_aside_at) as aside'),
    );
    pending += Number(row.total) - Number(row.aside);
    setAside += Number(row.aside);
  }
  return { pending, setAside };
}

/**
 * Runs `work` on all claimed marks at once; if that fails, on each service's marks alone, so
 * one bad record fails only its own marks (`onFailure` records why). A transient fault stops
 * the round: the marks get their try back and the error goes up, to be retried later. Returns
 * how many marks were done.
 *
 * @internal
 */
export async function eachOrAlone(
  marks: readonly QueueMark[],
  work: (marks: readonly QueueMark[]) => Promise<void>,
  onFailure: (marks: readonly QueueMark[], error: unknown) => Promise<void>,
  isTransient: (error: unknown) => boolean,
): Promise<number> {
  try {
    await work(marks);
    return marks.length;
  } catch (error) {
    if (isTransient(error)) {
      await onFailure(marks, error).catch(() => {});
      throw error;
    }
  }
  const byService = new Map<string, QueueMark[]>();
  for (const m of marks) pushTo(byService, m.service, m);
  let done = 0;
  for (const group of byService.values()) {
    try {
      await work(group);
      done += group.length;
    } catch (error) {
      await onFailure(group, error);
      if (isTransient(error)) throw error;
    }
  }
  return done;
}
