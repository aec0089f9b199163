import {
  DeploymentEvent,
  DoraChange,
  createEnvironmentMatcher,
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

/** The walk stops after this many pushes (a long gap in deployments). */
const MAX_WALK_PUSHES = 200;

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
 * A deployment's changes from the pushes: walk before → after back from the deployed commit to
 * the commit of an earlier successful production deployment of the service; a force-push or a
 * gap (no push known) stops the walk. Commits earlier deployments shipped are harmless extras:
 * a change counts once, at the first successful production deployment that ships it.
 */
async function walk(
  tx: Knex.Transaction,
  deployment: { key: string; source: string; service: string; sha: string },
  isProduction: (environment: string) => boolean,
): Promise<DoraChange[]> {
  const changes = new Map<string, DoraChange>();
  let sha = deployment.sha;
  for (let step = 0; step < MAX_WALK_PUSHES; step++) {
    const push = await tx<PushRow>('opsdeck_pushes')
      .where({
        source: deployment.source,
        service: deployment.service,
        after_sha: sha,
      })
      .first();
    if (!push) break;
    for (const c of JSON.parse(push.commits) as DoraChange[]) {
      if (!changes.has(c.sha)) changes.set(c.sha, c);
    }
    if (push.forced || /^0+$/.test(push.before_sha)) break;
    sha = push.before_sha;
    const shipped = await tx('opsdeck_deployments')
      .where({
        service: deployment.service,
        commit_sha: sha,
        status: 'success',
      })
      .whereNot('record_key', deployment.key)
      .select('environment');
    if (shipped.some(d => isProduction(String(d.environment)))) break;
  }
  return [...changes.values()].sort((a, b) => a.time - b.time);
}

/**
 * Events that give deployments the changes their pushes describe: for this delivery's
 * deployments (that list no changes) and for stored deployments of the source a push of this
 * delivery may complete (a push that arrived late). Each event carries only `changes`;
 * its event time grows with the number of changes found, so a longer walk — one that knew more
 * pushes — wins over a shorter one whatever order they were stored in.
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
    const changes = await walk(
      tx,
      {
        key,
        source: splitRecordKey(key).source,
        service: c.service,
        sha: c.sha,
      },
      isProduction,
    );
    if (changes.length)
      events.push({
        key,
        service: c.service,
        eventTime: c.base + changes.length,
        changes,
      });
  }
  return events;
}
