import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DerivationState } from '@opsdeck/backstage-plugin-common';
import { DoraRules } from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import {
  DatabaseDerivationStore,
  DerivationStateStore,
} from '../store/DatabaseDerivationStore';
import { DatabaseFactsStore } from '../store/DatabaseFactsStore';
import { FactsStore } from '../store/FactsStore';
import { DatabaseRollupStore } from '../store/DatabaseRollupStore';
import { FactsDeriver } from './FactsDeriver';
import { RollupDeriver } from './RollupDeriver';

/** Bumped when the derivation itself changes: stored facts and rollups are rebuilt once. */
const ENGINE_VERSION = 'component-facts-3';

/**
 * Derivation after ingest waits until deliveries pause this long, so a burst of batches is
 * derived once per Component rather than once per batch…
 */
const SETTLE_MS = 200;
/** …but never longer than this after the first delivery it serves. */
const MAX_DELAY_MS = 1_000;

const META = {
  rulesHash: 'derived_rules_hash',
  throughId: 'derived_through_id',
  throughAt: 'derived_through_at',
};

/**
 * The projection: the one owner of derived data (records → per-Component facts → day rollups →
 * group/org rollups). It is told after each ingest, catches up on a schedule, and rebuilds when
 * the rules, a Component's annotations or ownership change. Nothing else writes derived tables;
 * reads only ask it how far it has come.
 *
 * @internal
 */
export class Projection {
  private running: Promise<{ components: number; days: number }> | undefined;
  private again = false;
  private readonly rulesHash: string;
  private waiting: { timer: NodeJS.Timeout; firstAt: number } | undefined;

  constructor(
    private readonly options: {
      facts: FactsDeriver;
      factsStore: FactsStore;
      rollups: RollupDeriver;
      state: DerivationStateStore;
      logger: LoggerService;
      rulesHash: string;
      /** How long derivation after ingest waits for deliveries to pause, and at most. */
      settle?: { quietMs: number; maxDelayMs: number };
      /** Told how long each derivation pass took, in seconds. */
      onPass?: (seconds: number) => void;
    },
  ) {
    this.rulesHash = `${ENGINE_VERSION}:${options.rulesHash}`;
  }

  /** The projection and the stores it writes, on an open database (plugin and tests alike). */
  static on(
    db: Knex,
    options: {
      rules: DoraRules;
      rulesHash: string;
      logger: LoggerService;
      settle?: { quietMs: number; maxDelayMs: number };
      onPass?: (seconds: number) => void;
      /** Histories with this many deployment facts are derived in slices; default 1 000. */
      incrementalFrom?: number;
    },
  ) {
    const factsStore = DatabaseFactsStore.of(db);
    const rollupStore = DatabaseRollupStore.of(db);
    const projection = new Projection({
      facts: new FactsDeriver({
        store: factsStore,
        rules: options.rules,
        incrementalFrom: options.incrementalFrom,
      }),
      factsStore,
      rollups: new RollupDeriver({
        store: rollupStore,
        facts: factsStore,
        rulesHash: options.rulesHash,
      }),
      state: DatabaseDerivationStore.of(db),
      logger: options.logger,
      rulesHash: options.rulesHash,
      settle: options.settle,
      onPass: options.onPass,
    });
    return { projection, factsStore, rollupStore };
  }

  /** Registers the projection's scheduled tasks (one runner across replicas). */
  async schedule(scheduler: SchedulerService): Promise<void> {
    // Facts and rollups follow the DORA rules and the engine: when either changed, rebuild.
    await scheduler.scheduleTask({
      id: 'opsdeck-derive-rules',
      frequency: { minutes: 10 },
      timeout: { hours: 1 },
      initialDelay: { seconds: 3 },
      fn: () => this.rebuildIfRulesChanged(),
    });
    // Ingest starts derivation at once; this picks up whatever another replica, a crash or a
    // failed try left queued.
    await scheduler.scheduleTask({
      id: 'opsdeck-derive',
      frequency: { seconds: 30 },
      // Short: a replica killed mid-run keeps the task's lock until then.
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
      fn: async () => {
        await this.catchUp();
      },
    });
  }

  /**
   * After new records were stored: derive soon, in the background — once deliveries pause for
   * a moment, and within a second of the first at the latest, so a burst of batches touching
   * the same Components derives each of them once. Failures wait for the scheduled task.
   */
  afterIngest(): void {
    const { quietMs, maxDelayMs } = this.options.settle ?? {
      quietMs: SETTLE_MS,
      maxDelayMs: MAX_DELAY_MS,
    };
    const now = Date.now();
    const firstAt = this.waiting?.firstAt ?? now;
    clearTimeout(this.waiting?.timer);
    const timer = setTimeout(() => {
      this.waiting = undefined;
      this.deriveQueued().catch(error =>
        this.options.logger.warn(
          `OpsDeck could not derive new events yet; the scheduled run retries: ${error}`,
        ),
      );
    }, Math.max(0, Math.min(quietMs, firstAt + maxDelayMs - now)));
    // A pending derivation never holds the process open; the scheduled task catches up.
    timer.unref();
    this.waiting = { timer, firstAt };
  }

  /**
   * One pass over what is queued now, for `afterIngest`: work queued during the pass (more
   * deliveries of the same burst) waits for the next pause instead of being chased.
   */
  private async deriveQueued(): Promise<void> {
    if (this.running) {
      // Try again once the running pass is over.
      await this.running.catch(() => undefined);
      this.afterIngest();
      return;
    }
    const { state } = this.options;
    await this.catchUp({ upTo: (await state.queueCounts()).pending });
    if ((await state.queueCounts()).pending > 0) this.afterIngest();
  }

  /** Drops a derivation still waiting for deliveries to pause (at shutdown). */
  stop(): void {
    clearTimeout(this.waiting?.timer);
    this.waiting = undefined;
  }

  /** Components whose identities changed (annotations seen at the index refresh). */
  async componentsChanged(components: readonly string[]): Promise<void> {
    if (!components.length) return;
    await this.options.factsStore.markComponents(components);
    this.afterIngest();
  }

  /** New scope memberships (ownership): rebuilds the group/org rows that changed. */
  applyMembership(
    members: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<number> {
    return this.options.rollups.applyMembership(members);
  }

  /**
   * Works off both queues (facts first, then the days they changed); concurrent calls share one
   * run, and a call made during a run gets another round. With `upTo`, one pass that takes at
   * most that many Components' marks.
   */
  catchUp(
    options: { upTo?: number } = {},
  ): Promise<{ components: number; days: number }> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      const total = { components: 0, days: 0 };
      // A round asked for during the run is a whole one: its caller waits for all of it.
      let limit = options;
      do {
        this.again = false;
        const { facts, rollups, state, onPass } = this.options;
        const started = performance.now();
        const newest = await state.newestEvent();
        total.components += await facts.drain(limit);
        limit = {};
        total.days += await rollups.drain();
        // Everything stored before this run is derived once nothing is left queued.
        if (newest && (await state.queueCounts()).pending === 0) {
          await this.advance(newest);
        }
        onPass?.((performance.now() - started) / 1000);
      } while (this.again);
      return total;
    };
    this.running = run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Re-derives every Component's facts and every rollup from the stored records. */
  async rebuildAll(): Promise<{ services: number; days: number }> {
    const services = await this.options.facts.markAll();
    await this.catchUp();
    const days = await this.options.rollups.rebuildAll();
    return { services, days };
  }

  /** How far derived data has come, for answers built on it. */
  async state(): Promise<DerivationState> {
    const { state } = this.options;
    // Read on every answer built on derived data: its reads go out together.
    const [meta, { pending }] = await Promise.all([
      state.getMetas([META.throughId, META.throughAt]),
      state.queueCounts(),
    ]);
    const throughId = meta.get(META.throughId);
    const at = meta.get(META.throughAt);
    // Counted exactly up to 1 000: beyond that a backlog is told by row ids, so that every answer
    // does not count it again.
    const after = await state.eventsAfter(Number(throughId ?? 0), 1_000);
    return {
      derivedThrough: at === undefined ? null : Number(at),
      // Work queued without new events (a rebuild) still means answers may change.
      pendingEvents: after || (pending > 0 ? pending : 0),
    };
  }

  /**
   * How far behind derivation is, for operators: events stored but not derived yet, how long
   * the oldest of them has waited, and the queued and set-aside marks.
   */
  async lag(now = Date.now()): Promise<{
    pendingEvents: number;
    lagSeconds: number;
    queued: number;
    setAside: number;
  }> {
    const { state } = this.options;
    const throughId = Number((await state.getMeta(META.throughId)) ?? 0);
    const [pendingEvents, oldest, { pending, setAside }] = await Promise.all([
      state.eventsAfter(throughId),
      state.firstReceivedAfter(throughId),
      state.queueCounts(),
    ]);
    return {
      pendingEvents,
      lagSeconds: oldest === undefined ? 0 : Math.max(0, now - oldest) / 1000,
      queued: pending,
      setAside,
    };
  }

  private async rebuildIfRulesChanged(): Promise<void> {
    const { state, logger } = this.options;
    if ((await state.getMeta(META.rulesHash)) === this.rulesHash) return;
    const { services, days } = await this.rebuildAll();
    await state.setMeta(META.rulesHash, this.rulesHash);
    logger.info(
      `OpsDeck rebuilt the DORA facts of ${services} Components and ${days} rollup days for new rules`,
    );
  }

  private async advance(newest: { id: number; receivedAt: number }) {
    const { state } = this.options;
    if (Number((await state.getMeta(META.throughId)) ?? 0) >= newest.id) return;
    await state.setMeta(META.throughId, String(newest.id));
    await state.setMeta(META.throughAt, String(newest.receivedAt));
  }
}
