import {
  DEFAULT_ATTRIBUTION_WINDOW_MS,
  DEFAULT_SAME_ROLLOUT_WINDOW_MS,
  DoraRules,
  deriveComponentFacts,
} from '@opsdeck/backstage-plugin-common';
import { chunks } from '../store/chunks';
import { isTransientFault } from '../store/database';
import {
  ComponentHistoryWithUnits,
  FactsStore,
  ShippedChanges,
  StoredComponentFacts,
} from '../store/FactsStore';
import { QueueMark, eachOrAlone } from '../store/workQueue';
import { DirtyDay } from '../store/RollupStore';
import { diffFacts, fromCut, toFactRows } from './factRows';
import { ReadsFirst } from '../readsFirst';
import { shasOf } from '../store/rows';

/** Components re-derived per round. */
const BATCH = 100;

/** Components whose histories are read together. */
const PER_READ = 100;

/** Histories shorter than this (deployment facts) are derived whole: cheaper than slicing. */
const DEFAULT_INCREMENTAL_FROM = 1_000;

type Changes = Parameters<FactsStore['commit']>[0];

/**
 * Derives each Component's facts from its history across identities, writes what changed and
 * queues the days it touched for the rollups. Part of the projection: nothing else writes
 * facts.
 *
 * A long history is derived from the earliest instant its change can reach (`cut`), not from
 * its start: facts before `cut` cannot change, those from `cut` on are derived again from the
 * records since `from` (a little earlier, for reports of the same rollout) and what the earlier
 * history left behind (the SHAs it shipped, the incidents that name a later deployment or SHA).
 * The cut is the earliest of: the changed records' earliest time, less the attribution and
 * same-rollout windows; the earliest stored fact that depends on a record from then on (a
 * failure that only a later success recovers, a rollback, an incident); and every deployment a
 * changed record names (`rollbackOf`, `causedBy`), however far back.
 *
 * @internal
 */
export class FactsDeriver {
  constructor(
    private readonly options: {
      store: FactsStore;
      rules: DoraRules;
      /** Histories with at least this many deployment facts are derived in slices; default 1 000. */
      incrementalFrom?: number;
    },
  ) {}

  /**
   * Works off the queued Components. One whose facts cannot be derived does not hold up the
   * others: it is tried alone, its error kept, and after its last try set aside. With `upTo`,
   * stops once it has taken that many marks. Returns how many Components were derived.
   */
  async drain(options: { upTo?: number } = {}): Promise<number> {
    const { store } = this.options;
    // Reads go first: between steps, the derivation lets them in and waits its turn.
    const pace = ReadsFirst.process.pacer();
    let done = 0;
    for (let taken = 0; taken < (options.upTo ?? Infinity); ) {
      const marks = await store.claim(BATCH);
      taken += marks.length;
      if (!marks.length) return done;
      done += await eachOrAlone(
        marks,
        group => this.derive(group, pace),
        (failed, error) => store.fail(failed, error),
        isTransientFault,
      );
      await pace();
    }
    return done;
  }

  /** Queues every known Component (new rules, a new engine, an admin's rebuild). */
  async markAll(): Promise<number> {
    const { store } = this.options;
    const components = await store.knownComponents();
    await store.markComponents(components);
    return components.length;
  }

  private async derive(
    marks: readonly QueueMark[],
    pace: () => Promise<void>,
  ): Promise<void> {
    const { store } = this.options;
    const from = this.options.incrementalFrom ?? DEFAULT_INCREMENTAL_FROM;
    const sliced = marks.filter(m => m.since !== null && m.since !== undefined);
    const sizes = sliced.length
      ? await store.historySizes(
          sliced.map(m => m.service),
          from,
        )
      : new Map<string, number>();
    const inSlices = new Set(
      sliced.filter(m => sizes.get(m.service)! >= from).map(m => m.service),
    );
    for (const mark of marks.filter(m => inSlices.has(m.service))) {
      const work = emptyWork([mark]);
      await this.deriveSlice(mark.service, mark.since!, work, pace);
      await store.commit(work);
      await pace();
    }
    const whole = marks.filter(m => !inSlices.has(m.service));
    for (const group of chunks(whole, PER_READ)) {
      const work = emptyWork(group);
      const components = group.map(m => m.service);
      const histories = await store.readHistories(components);
      await pace();
      const stored = await store.readStoredFacts(components);
      for (const history of histories) {
        this.add(work, history, stored.get(history.component)!, null);
        // A busy Component's history takes a while.
        await pace();
      }
      await store.commit(work);
    }
  }

  /** Derives a Component's facts from the earliest instant a change since `since` reaches. */
  private async deriveSlice(
    component: string,
    since: number,
    work: Changes,
    pace: () => Promise<void>,
  ): Promise<void> {
    const { store, rules } = this.options;
    const sameRollout =
      rules.sameRolloutWindowMs ?? DEFAULT_SAME_ROLLOUT_WINDOW_MS;
    const reach = Math.max(
      rules.attributionWindowMs ?? DEFAULT_ATTRIBUTION_WINDOW_MS,
      sameRollout,
    );
    const cut = Math.min(
      since - reach,
      (await store.earliestDependent(component, since)) ?? Infinity,
      (await store.earliestNamed(component, since)) ?? Infinity,
    );
    // Records a little earlier, so reports of one rollout are merged as before; whole rollouts,
    // and the targets of the slice's rollbacks.
    let from = Math.min(
      cut - sameRollout,
      (await store.earliestNamed(component, cut, true)) ?? Infinity,
    );
    for (;;) {
      const first = await store.earliestMergedInto(component, from, cut);
      if (first === undefined || first >= from) break;
      from = first;
    }
    const [history] = await store.readHistories([component], { from, cut });
    // A long slice takes a while to read and to derive: requests go in between.
    await pace();
    const shippedBefore = await store.shippedBefore(
      component,
      [...shasOf(history.deployments)],
      from,
    );
    const stored = await store.readStoredFacts([component], cut);
    await pace();
    this.add(work, history, stored.get(component)!, cut, shippedBefore);
  }

  /** Derives one history and adds what changed (from `cut` on; null: all) to the work. */
  private add(
    work: Changes,
    history: ComponentHistoryWithUnits,
    stored: StoredComponentFacts,
    cut: number | null,
    shippedBefore?: { changes: Set<string>; commits: Set<string> },
  ): void {
    const facts = deriveComponentFacts(history, this.options.rules, {
      shippedBefore,
    });
    const rows = toFactRows(history.component, facts, history.unitOf);
    const diff = diffFacts(stored, cut === null ? rows : fromCut(rows, cut));
    work.changes.upsertDeployments.push(...diff.changes.upsertDeployments);
    work.changes.deleteDeployments.push(...diff.changes.deleteDeployments);
    work.changes.upsertIncidents.push(...diff.changes.upsertIncidents);
    work.changes.deleteIncidents.push(...diff.changes.deleteIncidents);
    (work.days as DirtyDay[]).push(...diff.days);
    (work.shipped as ShippedChanges[]).push({
      component: history.component,
      cut,
      ...facts.shipped,
    });
  }
}

function emptyWork(marks: readonly QueueMark[]): Changes {
  return {
    changes: {
      upsertDeployments: [],
      deleteDeployments: [],
      upsertIncidents: [],
      deleteIncidents: [],
    },
    shipped: [],
    days: [],
    marks,
  };
}
