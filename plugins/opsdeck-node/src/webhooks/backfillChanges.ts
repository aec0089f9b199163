/** A commit a deployment ships, with its commit time. @public */
export type OpsDeckBackfillChange = { sha: string; time: string };

/**
 * The changes each successful deployment ships, for a backfill whose provider lists deployments
 * but not their commits: the commits between the previous successful deployment of the same
 * environment and this one (`commits(base, head)`, the provider's compare API), or — for the
 * first one in the window — the deployed commit alone (`commits(undefined, head)`).
 * `deployments` may come in any order; `order` sorts them oldest first. Failed deployments ship
 * nothing (their commits go with the next success); a pair already compared is not asked again.
 *
 * @public
 */
export async function changesSincePreviousSuccess<
  D extends {
    environment: string;
    sha?: string;
    succeeded: boolean;
    /** Sorts the deployments oldest first (e.g. creation time in ms). */
    order: number;
  },
>(
  deployments: readonly D[],
  commits: (
    base: string | undefined,
    head: string,
  ) => Promise<OpsDeckBackfillChange[]>,
): Promise<Map<D, OpsDeckBackfillChange[]>> {
  const lastSuccess = new Map<string, string>();
  const asked = new Map<string, Promise<OpsDeckBackfillChange[]>>();
  const out = new Map<D, OpsDeckBackfillChange[]>();
  for (const d of [...deployments].sort((a, b) => a.order - b.order)) {
    if (!d.sha || !d.succeeded) continue;
    const base = lastSuccess.get(d.environment);
    lastSuccess.set(d.environment, d.sha);
    if (base === d.sha) continue; // a redeploy of the same commit ships nothing new
    const key = `${base ?? ''}...${d.sha}`;
    let answer = asked.get(key);
    if (!answer) {
      answer = commits(base, d.sha);
      asked.set(key, answer);
    }
    out.set(d, await answer);
  }
  return out;
}
