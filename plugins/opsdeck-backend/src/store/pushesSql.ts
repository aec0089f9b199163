import {
  DeploymentEvent,
  DoraChange,
  createEnvironmentMatcher,
  walkEventTime,
  walkPushes,
} from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { splitRecordKey } from './rows';

/** A push as stored: commit times in epoch ms, SHAs lower case. @internal */
export interface PushRecord {
  source: string;
  service: string;
  before: string;
  after: string;
  forced: boolean;
  commits: DoraChange[];
}

type PushRow = {
  source: string;
  service: string;
  after_sha: string;
  before_sha: string;
  forced: boolean | number;
  commits: string;
  received_at: number | string;
};

/** Deployments re-walked for one late push, at most (the most recent). */
const MAX_REWALKS = 200;

/** Stores pushes; a redelivered push (same source, repository, after SHA) changes nothing. @internal */
export async function storePushes(
  tx: Knex.Transaction,
  pushes: readonly PushRecord[],
  receivedAt: number,
): Promise<void> {
  for (const p of pushes) {
    await tx<PushRow>('opsdeck_pushes')
      .insert({
        source: p.source,
        service: p.service,
        after_sha: p.after,
        before_sha: p.before,
        forced: p.forced,
        commits: JSON.stringify(p.commits),
        received_at: receivedAt,
      })
      .onConflict(['source', 'service', 'after_sha'])
      .ignore();
  }
}

/**
 * Events that give deployments the changes their pushes describe: for this delivery's
 * deployments (that list no changes) and for stored deployments of the source a push of this
 * delivery may complete (a push that arrived late). Each event carries only `changes`, timed
 * by {@link walkEventTime}. The walk's rules live in `-common` ({@link walkPushes}).
 *
 * @internal
 */
export async function changesFromPushes(
  tx: Knex.Transaction,
  options: {
    source: string;
    deployments: readonly DeploymentEvent[];
    pushes: readonly PushRecord[];
    productionEnvironments?: readonly string[];
  },
): Promise<DeploymentEvent[]> {
  const isProduction = createEnvironmentMatcher(options.productionEnvironments);
  const candidates = new Map<
    string,
    { service: string; sha: string; base: number }
  >();
  for (const d of options.deployments) {
    if (d.changes || !d.commit?.sha) continue;
    candidates.set(d.key, {
      service: d.service,
      sha: d.commit.sha,
      base: d.startedAt ?? d.eventTime,
    });
  }
  for (const p of options.pushes) {
    // A push that arrives late can complete the walk of any later deployment: the ones that
    // deploy one of its commits, and the ones started after its commits (a walk that stopped
    // at the gap this push fills).
    const shas = [p.after, ...p.commits.map(c => c.sha)];
    const earliest = Math.min(...p.commits.map(c => c.time));
    const rows = await tx('opsdeck_deployments')
      .where({ service: p.service, source: options.source })
      .whereNotNull('commit_sha')
      .where(w => {
        w.whereIn('commit_sha', shas);
        if (Number.isFinite(earliest)) w.orWhere('started_at', '>=', earliest);
      })
      .orderBy('started_at', 'desc')
      .limit(MAX_REWALKS)
      .select('record_key', 'commit_sha', 'started_at', 'finished_at');
    for (const row of rows) {
      if (candidates.has(row.record_key)) continue;
      candidates.set(row.record_key, {
        service: p.service,
        sha: row.commit_sha,
        base: Number(row.started_at ?? row.finished_at ?? 0),
      });
    }
  }
  const events: DeploymentEvent[] = [];
  for (const [key, c] of candidates) {
    const source = splitRecordKey(key).source;
    const changes = await walkPushes(c.sha, {
      pushTo: async sha => {
        const push = await tx<PushRow>('opsdeck_pushes')
          .where({ source, service: c.service, after_sha: sha })
          .first();
        return (
          push && {
            before: push.before_sha,
            after: push.after_sha,
            forced: Boolean(push.forced),
            commits: JSON.parse(push.commits),
          }
        );
      },
      shippedToProduction: async sha =>
        (
          await tx('opsdeck_deployments')
            .where({ service: c.service, commit_sha: sha, status: 'success' })
            .whereNot('record_key', key)
            .select('environment')
        ).some(d => isProduction(String(d.environment))),
    });
    if (changes.length)
      events.push({
        key,
        service: c.service,
        eventTime: walkEventTime(c.base, changes),
        changes,
      });
  }
  return events;
}
