import {
  DoraRules,
  deriveComponentFacts,
} from '@opsdeck/backstage-plugin-common';
import { chunks } from '../store/chunks';
import { isTransientFault } from '../store/database';
import { FactsStore } from '../store/FactsStore';
import { QueueMark, eachOrAlone } from '../store/workQueue';
import { DirtyDay } from '../store/RollupStore';
import { diffFacts, toFactRows } from './factRows';
import { ReadsFirst } from '../readsFirst';

/** Components re-derived per round. */
const BATCH = 100;

/** Components whose histories are read together. */
const PER_READ = 100;

/**
 * Derives each Component's facts from its whole history across identities, writes what changed
 * and queues the days it touched for the rollups. Part of the projection: nothing else writes
 * facts.
 *
 * @internal
 */
export class FactsDeriver {
  constructor(
    private readonly options: { store: FactsStore; rules: DoraRules },
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
    const { store, rules } = this.options;
    for (const group of chunks([...marks], PER_READ)) {
      const components = group.map(m => m.service);
      const histories = await store.readHistories(components);
      await pace();
      const stored = await store.readStoredFacts(components);
      const changes = {
        upsertDeployments: [],
        deleteDeployments: [],
        upsertIncidents: [],
        deleteIncidents: [],
      } as Parameters<FactsStore['commit']>[0]['changes'];
      const days: DirtyDay[] = [];
      for (const history of histories) {
        const rows = toFactRows(
          history.component,
          deriveComponentFacts(history, rules),
          history.unitOf,
        );
        const diff = diffFacts(stored.get(history.component)!, rows);
        changes.upsertDeployments.push(...diff.changes.upsertDeployments);
        changes.deleteDeployments.push(...diff.changes.deleteDeployments);
        changes.upsertIncidents.push(...diff.changes.upsertIncidents);
        changes.deleteIncidents.push(...diff.changes.deleteIncidents);
        days.push(...diff.days);
        // A busy Component's history takes a while.
        await pace();
      }
      await store.commit({ changes, days, marks: group });
    }
  }
}
