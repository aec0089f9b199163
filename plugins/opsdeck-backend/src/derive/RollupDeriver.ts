import { ConflictError } from '@backstage/errors';
import { DAY_MS, rollupDays } from '@opsdeck/backstage-plugin-common';
import { pushTo } from '../collections';
import { chunks } from '../store/chunks';
import { FactsStore } from '../store/FactsStore';
import { isTransientFault } from '../store/database';
import { QueueMark, eachOrAlone } from '../store/workQueue';
import { RollupStore, StoredRollup } from '../store/RollupStore';
import {
  Delta,
  applyDelta,
  isEmpty,
  mergeStored,
  withSketches,
} from './rollupMath';
import { ReadsFirst } from '../readsFirst';

/** Marks taken per round of the queue. */
const BATCH = 200;

/** Map key of one (scope, day) row. */
const rowKey = (scope: string, day: number) => `${scope}\u0000${day}`;

/** The rollup scope of a Component's own rows. */
export const serviceScope = (service: string) => `svc:${service}`;

/**
 * Keeps the daily rollups in step with the facts: Component rows (`svc:`) are re-derived from
 * the facts of the days that changed; group/org rows add up their members' Component rows, so
 * an ownership change rebuilds them without reading a single event. Part of the projection.
 *
 * @internal
 */
export class RollupDeriver {
  constructor(
    private readonly options: {
      store: RollupStore;
      facts: FactsStore;
      rulesHash: string;
    },
  ) {}

  /** Works off the queued days; returns how many were re-derived. */
  async drain(): Promise<number> {
    const { store } = this.options;
    const pace = ReadsFirst.process.pacer();
    let total = 0;
    for (;;) {
      const marks = await store.takeDirty(BATCH);
      if (!marks.length) return total;
      total += await eachOrAlone(
        marks,
        group => this.rederive(group),
        (failed, error) => store.failDirty(failed, error),
        isTransientFault,
      );
      // Reads go first: between rounds, the derivation lets them in and waits its turn.
      await pace();
    }
  }

  /**
   * Re-derives the service rows of these days, then applies the difference to every group/org
   * row they feed — a change costs the same however many services a scope holds. One
   * transaction; if another runner cleared the marks meanwhile, it is rolled back.
   */
  private async rederive(marks: readonly QueueMark[]): Promise<void> {
    const { store, facts, rulesHash } = this.options;
    const byService = new Map<string, number[]>();
    for (const m of marks) {
      pushTo(byService, m.service, m.day!);
    }
    // New service rows: reads only, outside the transaction.
    const fresh = new Map<string, Map<number, StoredRollup>>();
    const allDays = [...new Set(marks.map(m => m.day!))];
    const from = Math.min(...allDays);
    const to = Math.max(...allDays) + DAY_MS;
    // Recent days (a live feed): one read for all services; days spread out: one per service.
    const perService =
      to - from > 14 * DAY_MS
        ? [...byService.keys()].map(service => [service])
        : chunks([...byService.keys()], 200);
    for (const services of perService) {
      const span =
        services.length === 1
          ? {
              from: Math.min(...byService.get(services[0])!),
              to: Math.max(...byService.get(services[0])!) + DAY_MS,
            }
          : { from, to };
      const read = await facts.readComponentsFacts(services, span);
      for (const service of services) {
        const { facts: serviceFacts, pendingSentAt } = read.get(service)!;
        const wanted = new Set(byService.get(service));
        fresh.set(
          service,
          new Map(
            rollupDays(serviceFacts, pendingSentAt)
              .filter(r => wanted.has(r.day))
              .map(r => [r.day, withSketches(r)]),
          ),
        );
      }
    }
    try {
      await store.transaction(async tx => {
        const services = [...byService.keys()];
        const old = new Map<string, StoredRollup>();
        for (const { scope, rollup } of await tx.readRows(
          services.map(serviceScope),
          allDays,
        )) {
          old.set(rowKey(scope, rollup.day), rollup);
        }
        const writes: Array<{
          scope: string;
          day: number;
          rollup?: StoredRollup;
        }> = [];
        for (const [service, days] of byService) {
          for (const day of days) {
            writes.push({
              scope: serviceScope(service),
              day,
              rollup: fresh.get(service)!.get(day),
            });
          }
        }
        const deltas = new Map<string, Map<number, Delta>>();
        for (const { scope, service } of await tx.membershipsOf(services)) {
          const byDay = deltas.get(scope) ?? new Map<number, Delta>();
          deltas.set(scope, byDay);
          for (const day of byService.get(service)!) {
            const delta = byDay.get(day) ?? { minus: [], plus: [] };
            byDay.set(day, delta);
            const before = old.get(rowKey(serviceScope(service), day));
            const after = fresh.get(service)!.get(day);
            if (before) delta.minus.push(before);
            if (after) delta.plus.push(after);
          }
        }
        const current = new Map<string, StoredRollup>();
        for (const { scope, rollup } of await tx.readRows(
          [...deltas.keys()],
          allDays,
        )) {
          current.set(rowKey(scope, rollup.day), rollup);
        }
        for (const [scope, byDay] of deltas) {
          for (const [day, delta] of byDay) {
            const next = applyDelta(
              day,
              current.get(rowKey(scope, day)),
              delta,
            );
            writes.push({
              scope,
              day,
              rollup: isEmpty(next) ? undefined : next,
            });
          }
        }
        await tx.writeMany(writes, rulesHash);
        if ((await tx.clearDirty(marks)) !== marks.length) {
          throw new ConflictError('Another runner re-derived these days');
        }
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  /** Adds up a group/org scope's members' service rows on these days. */
  async rebuildScopeDays(scope: string, days: readonly number[]) {
    const { store, rulesHash } = this.options;
    const members = (await store.membersOf(scope)).map(serviceScope);
    const rows = await store.readRows(members, days);
    const byDay = new Map<number, StoredRollup[]>();
    for (const { rollup } of rows) {
      pushTo(byDay, rollup.day, rollup);
    }
    const merged = [...byDay].map(([day, list]) => mergeStored(day, list));
    await store.writeDays(scope, days, merged, rulesHash);
  }

  /**
   * Applies new scope memberships (from the catalog): each scope that gained or lost services
   * is rebuilt on the days those services have rows; scopes that are gone are deleted.
   */
  async applyMembership(
    members: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<number> {
    const { store } = this.options;
    const changes = await store.replaceMembers(members);
    for (const { scope, changed } of changes) {
      if (!members.has(scope)) {
        await store.deleteScope(scope);
        continue;
      }
      const days = await store.daysOf(changed.map(serviceScope));
      await this.rebuildScopeDays(scope, days);
    }
    return changes.length;
  }

  /**
   * Re-derives every service day (new rules, or an admin's rebuild), then recomputes every
   * group/org row from its members' rows, so no difference applied earlier can linger.
   */
  async rebuildAll(): Promise<number> {
    const { store } = this.options;
    await store.markAllDirty();
    const days = await this.drain();
    for (const scope of await store.scopes()) {
      const members = (await store.membersOf(scope)).map(serviceScope);
      await this.rebuildScopeDays(
        scope,
        await store.daysOf([scope, ...members]),
      );
    }
    return days;
  }
}
