import {
  BenchmarkSet,
  DoraAnswer,
  DoraWindow,
} from '@opsdeck/backstage-plugin-common';
import { GenerationMemo } from '../ttlMemo';
import { doraAnswer } from './doraAnswer';
import { RollupTotals } from './RollupTotals';

/** A scope's DORA answer for one window, built from its daily rollups. @internal */
export interface RollupAnswer {
  answer: DoraAnswer;
  firstEventAt: number | null;
  /** How many Components the scope holds (0 for a Component's own scope). */
  members: number;
}

/**
 * DORA answers from rollups, remembered until the rollups change: each answer is kept under the
 * rollup generation read before its rows (so it is never kept under a newer generation than the
 * rows it was built from), and any rollup or membership write, on any replica, changes the
 * generation. A read then costs one primary-key lookup; concurrent reads of one scope and window
 * share one build.
 *
 * @internal
 */
export class RollupAnswers {
  // Windows are whole UTC days, so a window's key holds for the day; the TTL only bounds memory.
  // An answer holds about 30 KB: at most 1 000 of them by default.
  private readonly memo: GenerationMemo<RollupAnswer>;

  constructor(
    private readonly options: {
      rollups: RollupTotals;
      benchmark: BenchmarkSet;
      maxEntries?: number;
    },
  ) {
    this.memo = new GenerationMemo({
      ttlMs: 10 * 60_000,
      maxEntries: options.maxEntries ?? 1_000,
    });
  }

  /** The rollup generation now: read it before the rows an answer kept under it is built from. */
  generation(): Promise<string> {
    return this.options.rollups.generation();
  }

  async answer(scope: string, window: DoraWindow): Promise<RollupAnswer> {
    const { rollups, benchmark } = this.options;
    const generation = await rollups.generation();
    const key = `${scope}\u0000${window.from}\u0000${window.to}`;
    return this.memo.get(generation, key, async () => {
      const [answer, firstEventAt, count] = await Promise.all([
        doraAnswer(window, benchmark, windows =>
          rollups.totals(scope, windows),
        ),
        rollups.firstEventAt(scope),
        rollups.memberCount(scope),
      ]);
      return { answer, firstEventAt, members: count };
    });
  }
}
