import { Knex } from 'knex';

/** A backfill run as stored. @internal */
export interface StoredBackfillRun {
  id: string;
  days: number;
  since: number;
  startedAt: number;
  finishedAt?: number;
  status: 'running' | 'done' | 'failed';
  targets: Array<{
    source: string;
    target: string;
    status: 'pending' | 'running' | 'done' | 'failed';
    records: number;
    error?: string;
  }>;
}

/** A target one replica holds under a lease. @internal */
export interface ClaimedTarget {
  runId: string;
  since: number;
  source: string;
  target: string;
}

/**
 * Backfill runs and their targets: the only place that speaks SQL about them. Every replica
 * reads the same runs; a target is worked on by the replica that holds its lease, and taken over
 * by another once the lease has run out (its holder died or hung).
 *
 * @internal
 */
export class DatabaseBackfillStore {
  constructor(private readonly db: Knex) {}

  /**
   * Stores a new running run with its targets, unless one is running already (then returns
   * false and stores nothing).
   */
  async create(run: {
    id: string;
    days: number;
    since: number;
    startedAt: number;
    targets: ReadonlyArray<{ source: string; target: string }>;
  }): Promise<boolean> {
    return this.db.transaction(async tx => {
      const inserted = await tx('opsdeck_backfill_runs')
        .insert({
          id: run.id,
          days: run.days,
          since: run.since,
          started_at: run.startedAt,
          status: 'running',
          active: 1,
        })
        .onConflict('active')
        .ignore()
        .returning('id');
      if (!inserted.length) return false;
      const rows = run.targets.map((t, position) => ({
        run_id: run.id,
        source: t.source,
        target: t.target,
        position,
        status: 'pending',
      }));
      for (let i = 0; i < rows.length; i += 100)
        await tx('opsdeck_backfill_targets').insert(rows.slice(i, i + 100));
      return true;
    });
  }

  /** The newest runs with their targets, newest first. */
  async recent(limit: number): Promise<StoredBackfillRun[]> {
    const runs = await this.db('opsdeck_backfill_runs')
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(limit);
    if (!runs.length) return [];
    const targets = await this.db('opsdeck_backfill_targets')
      .whereIn(
        'run_id',
        runs.map(r => r.id),
      )
      .orderBy('position');
    return runs.map(r => ({
      id: String(r.id),
      days: Number(r.days),
      since: Number(r.since),
      startedAt: Number(r.started_at),
      ...(r.finished_at === null ? {} : { finishedAt: Number(r.finished_at) }),
      status: r.status,
      targets: targets
        .filter(t => t.run_id === r.id)
        .map(t => ({
          source: String(t.source),
          target: String(t.target),
          status: t.status,
          records: Number(t.records),
          ...(t.error === null ? {} : { error: String(t.error) }),
        })),
    }));
  }

  /**
   * Takes the next target of the running run that nobody holds — pending, or running under a
   * lease that has run out — and holds it until `leaseUntil`. Undefined when there is none.
   */
  async claim(
    owner: string,
    now: number,
    leaseUntil: number,
  ): Promise<ClaimedTarget | undefined> {
    for (;;) {
      const next = await this.db('opsdeck_backfill_targets as t')
        .join('opsdeck_backfill_runs as r', 'r.id', 't.run_id')
        .where('r.status', 'running')
        .where(q =>
          q
            .where('t.status', 'pending')
            .orWhere(w =>
              w.where('t.status', 'running').where('t.lease_until', '<', now),
            ),
        )
        .orderBy('t.position')
        .first('t.run_id', 't.source', 't.target', 't.status', 'r.since');
      if (!next) return undefined;
      const taken = await this.db('opsdeck_backfill_targets')
        .where({
          run_id: next.run_id,
          source: next.source,
          target: next.target,
          status: next.status,
        })
        .where(q =>
          next.status === 'pending' ? q : q.where('lease_until', '<', now),
        )
        // A target taken over starts again: its count is of this attempt.
        .update({
          status: 'running',
          owner,
          lease_until: leaseUntil,
          records: 0,
        });
      // Another replica took it between the two statements: look again.
      if (taken)
        return {
          runId: String(next.run_id),
          since: Number(next.since),
          source: String(next.source),
          target: String(next.target),
        };
    }
  }

  /**
   * Extends the lease and adds stored records; false when the lease was lost (another replica
   * took the target over), and nothing is changed.
   */
  async renew(
    claimed: ClaimedTarget,
    owner: string,
    leaseUntil: number,
    records = 0,
  ): Promise<boolean> {
    const updated = await this.db('opsdeck_backfill_targets')
      .where(this.keyOf(claimed))
      .where({ owner, status: 'running' })
      .update({
        lease_until: leaseUntil,
        records: this.db.raw('records + ?', [records]),
      });
    return updated > 0;
  }

  /** Marks a held target done or failed; the run finishes with its last target. */
  async finish(
    claimed: ClaimedTarget,
    owner: string,
    outcome: { error?: string },
    now: number,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const updated = await tx('opsdeck_backfill_targets')
        .where(this.keyOf(claimed))
        .where({ owner, status: 'running' })
        .update({
          status: outcome.error === undefined ? 'done' : 'failed',
          error: outcome.error ?? null,
          lease_until: 0,
        });
      if (!updated) return;
      const open = await tx('opsdeck_backfill_targets')
        .where('run_id', claimed.runId)
        .whereIn('status', ['pending', 'running'])
        .first('target');
      if (open) return;
      // Failed when some source could import none of its targets.
      const counts = await tx('opsdeck_backfill_targets')
        .where('run_id', claimed.runId)
        .groupBy('source')
        .select('source')
        .count({ all: '*' })
        .sum({
          failed: tx.raw("case when status = 'failed' then 1 else 0 end"),
        });
      const failed = counts.some(c => Number(c.failed) >= Number(c.all));
      await tx('opsdeck_backfill_runs')
        .where({ id: claimed.runId, status: 'running' })
        .update({
          status: failed ? 'failed' : 'done',
          finished_at: now,
          active: null,
        });
    });
  }

  /** Ends a running run that has no targets at all. */
  async finishEmpty(runId: string, now: number): Promise<void> {
    await this.db('opsdeck_backfill_runs')
      .where({ id: runId, status: 'running' })
      .whereNotExists(q =>
        q.from('opsdeck_backfill_targets').where('run_id', runId),
      )
      .update({ status: 'done', finished_at: now, active: null });
  }

  private keyOf(claimed: ClaimedTarget) {
    return {
      run_id: claimed.runId,
      source: claimed.source,
      target: claimed.target,
    };
  }
}
