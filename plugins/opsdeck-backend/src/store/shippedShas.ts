import { Knex } from 'knex';
import { pacedChunks } from './chunks';
import { ShippedChanges } from './FactsStore';

/*
 * Each Component's first production shipment of every SHA (`opsdeck_shipped_shas`): what a
 * slice of a history needs to know about the SHAs shipped before it. Only the facts store and
 * its derivation use it.
 */

/** Which of these SHAs a Component's production successes finishing before `before` shipped. @internal */
export async function readShippedBefore(
  db: Knex,
  component: string,
  shas: readonly string[],
  before: number,
): Promise<{ changes: Set<string>; commits: Set<string> }> {
  const out = { changes: new Set<string>(), commits: new Set<string>() };
  for await (const chunk of pacedChunks([...shas])) {
    const rows = await db('opsdeck_shipped_shas')
      .where('component', component)
      .whereIn('sha', chunk);
    for (const r of rows) {
      if (r.first_change_at !== null && Number(r.first_change_at) < before)
        out.changes.add(String(r.sha));
      if (r.first_commit_at !== null && Number(r.first_commit_at) < before)
        out.commits.add(String(r.sha));
    }
  }
  return out;
}

type Shipment = { change: number | null; commit: number | null };

/**
 * Writes Components' first shipments — all of them, or from `cut` on (earlier ones stay) — as
 * the difference to what is stored: a re-derivation that ships nothing new writes nothing.
 *
 * @internal
 */
export async function applyShipped(
  tx: Knex.Transaction,
  all: readonly ShippedChanges[],
): Promise<void> {
  const stored = new Map<string, Map<string, Shipment>>();
  const keep = (r: Record<string, unknown>) => {
    const component = String(r.component);
    const list = stored.get(component) ?? new Map<string, Shipment>();
    stored.set(component, list);
    list.set(String(r.sha), {
      change: r.first_change_at === null ? null : Number(r.first_change_at),
      commit: r.first_commit_at === null ? null : Number(r.first_commit_at),
    });
  };
  const whole = all.filter(s => s.cut === null).map(s => s.component);
  for await (const chunk of pacedChunks(whole))
    (await tx('opsdeck_shipped_shas').whereIn('component', chunk)).forEach(
      keep,
    );
  for (const { component, cut, changes, commits } of all) {
    if (cut === null) continue;
    const mine = () => tx('opsdeck_shipped_shas').where('component', component);
    const named = [...changes, ...commits]
      .filter(([, t]) => t >= cut)
      .map(([sha]) => sha);
    const rows = [
      ...(await mine().where('first_change_at', '>=', cut)),
      ...(await mine().where('first_commit_at', '>=', cut)),
    ];
    for await (const chunk of pacedChunks([...new Set(named)]))
      rows.push(...(await mine().whereIn('sha', chunk)));
    rows.forEach(keep);
  }
  const upserts: Array<Record<string, unknown>> = [];
  const deletes: Array<{ component: string; sha: string }> = [];
  for (const { component, cut, changes, commits } of all) {
    const before = stored.get(component) ?? new Map<string, Shipment>();
    // From `cut` on, the new derivation decides; before it, what is stored stays.
    const decide = (
      fresh: number | undefined,
      old: number | null | undefined,
    ): number | null => {
      if (fresh !== undefined && (cut === null || fresh >= cut)) return fresh;
      return cut !== null && old !== null && old !== undefined && old < cut
        ? old
        : null;
    };
    for (const sha of new Set([
      ...before.keys(),
      ...changes.keys(),
      ...commits.keys(),
    ])) {
      const old = before.get(sha);
      const change = decide(changes.get(sha), old?.change);
      const commit = decide(commits.get(sha), old?.commit);
      if (change === null && commit === null) {
        if (old) deletes.push({ component, sha });
      } else if (old?.change !== change || old?.commit !== commit)
        upserts.push({
          component,
          sha,
          first_change_at: change,
          first_commit_at: commit,
        });
    }
  }
  for await (const chunk of pacedChunks(deletes, 100))
    await tx('opsdeck_shipped_shas')
      .where(q => {
        for (const k of chunk) q.orWhere(k);
      })
      .delete();
  for await (const chunk of pacedChunks(upserts, 200))
    await tx('opsdeck_shipped_shas')
      .insert(chunk)
      .onConflict(['component', 'sha'])
      .merge();
}
