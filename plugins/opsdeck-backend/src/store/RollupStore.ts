import {
  DoraDayCounts,
  DoraDayRollup,
  RollupValueKind,
} from '@opsdeck/backstage-plugin-common';
import { QueueMark } from './workQueue';

/** A day rollup with the sketches of its value sets, as stored. @internal */
export interface StoredRollup extends DoraDayRollup {
  /** Encoded sketch of each non-empty value set (see rollups/sketch.ts). */
  sketches: Partial<Record<RollupValueKind, string>>;
}

/** A (Component, day) whose rollup must be re-derived. @internal */
export interface DirtyDay {
  service: string;
  day: number;
}

/**
 * Daily rollups (per Component, group and org scope), the queue of days to re-derive, and which
 * Components each group/org scope holds.
 *
 * @internal
 */
export interface RollupStore {
  markAllDirty(): Promise<number>;
  takeDirty(limit: number): Promise<QueueMark[]>;
  failDirty(marks: readonly QueueMark[], error: unknown): Promise<void>;
  transaction<T>(fn: (store: RollupStore) => Promise<T>): Promise<T>;
  clearDirty(days: readonly QueueMark[]): Promise<number>;
  writeDays(
    scope: string,
    days: readonly number[],
    rows: readonly StoredRollup[],
    configHash: string,
  ): Promise<void>;
  writeMany(
    entries: ReadonlyArray<{
      scope: string;
      day: number;
      rollup?: StoredRollup;
    }>,
    configHash: string,
  ): Promise<void>;
  readRows(
    scopes: readonly string[],
    days: readonly number[],
  ): Promise<Array<{ scope: string; rollup: StoredRollup }>>;
  readCounts(
    scope: string,
    window: { from: number; to: number },
  ): Promise<DoraDayCounts[]>;
  readValues(
    scope: string,
    kind: RollupValueKind,
    form: 'values' | 'sketch',
    days: readonly number[],
  ): Promise<Map<number, string | null>>;
  firstSentDay(scope: string): Promise<number | undefined>;
  /**
   * Changes whenever a rollup row or a scope's members change (in the same transaction): an
   * answer built from rollups read after it stays right until it changes, on any replica.
   */
  generation(): Promise<string>;
  /** The first day the scope has any row (a deployment or an incident), 00:00 UTC. */
  firstEventDay(scope: string): Promise<number | undefined>;
  daysOf(scopes: readonly string[]): Promise<number[]>;
  deleteScope(scope: string): Promise<void>;
  membershipsOf(
    services: readonly string[],
  ): Promise<Array<{ scope: string; service: string }>>;
  scopes(): Promise<string[]>;
  memberCount(scope: string): Promise<number>;
  membersOf(scope: string): Promise<string[]>;
  replaceMembers(
    next: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<Array<{ scope: string; changed: string[] }>>;
}
