import { DoraChange } from './types';

/**
 * A push as the walk sees it: the commits it added, from `before` to `after`.
 *
 * @public
 */
export interface WalkedPush {
  before: string;
  after: string;
  forced: boolean;
  commits: readonly DoraChange[];
}

/** The walk stops after this many pushes (a long gap in deployments). */
const MAX_WALK_PUSHES = 200;

/**
 * A deployment's changes from pushes (DESIGN.md "Where a deployment's changes come from", b):
 * walk before → after back from the deployed commit until a commit an earlier successful
 * production deployment of the service shipped; a force-push or a gap (no push known) stops the
 * walk. Commits earlier deployments shipped are harmless extras: a change counts once, at the
 * first successful production deployment that ships it. The lookups read stored data; the
 * rules are here.
 *
 * @public
 */
export async function walkPushes(
  deployedSha: string,
  lookup: {
    /** The push whose `after` is this SHA, if one is known. */
    pushTo(sha: string): Promise<WalkedPush | undefined>;
    /** Whether another successful production deployment of the service shipped this SHA. */
    shippedToProduction(sha: string): Promise<boolean>;
  },
): Promise<DoraChange[]> {
  const changes = new Map<string, DoraChange>();
  let sha = deployedSha;
  for (let step = 0; step < MAX_WALK_PUSHES; step++) {
    const push = await lookup.pushTo(sha);
    if (!push) break;
    for (const c of push.commits)
      if (!changes.has(c.sha)) changes.set(c.sha, c);
    if (push.forced || /^0+$/.test(push.before)) break;
    sha = push.before;
    if (await lookup.shippedToProduction(sha)) break;
  }
  return [...changes.values()].sort((a, b) => a.time - b.time);
}

/**
 * The event time of a walk's result: it grows with the number of changes found, so a longer
 * walk — one that knew more pushes — wins over a shorter one whatever order they were stored in.
 *
 * @public
 */
export const walkEventTime = (base: number, changes: readonly DoraChange[]) =>
  base + changes.length;
