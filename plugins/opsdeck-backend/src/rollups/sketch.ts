import { DDSketch } from '@datadog/sketches-js';
import { DoraQuantiles } from '@opsdeck/backstage-plugin-common';

/**
 * DDSketch with 1 % relative accuracy: a quantile it returns lies within 1 % of the exact value
 * at rank ⌊p(n−1)⌋ — what DESIGN.md asks of group and org medians above 10 000 values.
 */
const RELATIVE_ACCURACY = 0.01;

/** A sketch as stored: the zero count and the non-empty bins (keys ascending, counts). */
interface StoredSketch {
  z: number;
  k: number[];
  c: number[];
}

/**
 * A mergeable quantile sketch of non-negative values (DDSketch), stored sparsely: only
 * non-empty bins, so a day with a few values spread over a wide range stays a few bytes, where
 * the library's protobuf form stores every bin in between.
 *
 * @internal
 */
export class MergeableSketch {
  private readonly sketch = new DDSketch({
    relativeAccuracy: RELATIVE_ACCURACY,
  });

  static of(values: readonly number[]): MergeableSketch {
    const out = new MergeableSketch();
    for (const v of values) out.sketch.accept(v);
    return out;
  }

  /** Adds a stored sketch (same mapping, so the merge is exact bin by bin). */
  add(encoded: string): this {
    return this.addTimes(encoded, 1);
  }

  /** Takes out a stored sketch that was added before (bin by bin, exactly). */
  subtract(encoded: string): this {
    return this.addTimes(encoded, -1);
  }

  private addTimes(encoded: string, sign: 1 | -1): this {
    const stored = JSON.parse(encoded) as StoredSketch;
    for (let i = 0; i < stored.k.length; i++) {
      this.sketch.store.add(stored.k[i], sign * stored.c[i]);
      this.sketch.count += sign * stored.c[i];
    }
    this.sketch.zeroCount += sign * stored.z;
    this.sketch.count += sign * stored.z;
    return this;
  }

  encode(): string {
    const out: StoredSketch = { z: this.sketch.zeroCount, k: [], c: [] };
    const { bins, offset } = this.sketch.store;
    for (let i = 0; i < bins.length; i++) {
      if (bins[i] > 0) {
        out.k.push(i + offset);
        out.c.push(bins[i]);
      }
    }
    return JSON.stringify(out);
  }

  /**
   * Quantiles of the union of stored sketches, read straight from their bins (what
   * `getValueAtQuantile` does, without rebuilding a dense store for each merge).
   */
  static quantilesOf(encoded: readonly string[]): DoraQuantiles {
    const bins = new Map<number, number>();
    let zeros = 0;
    for (const e of encoded) {
      const stored = JSON.parse(e) as StoredSketch;
      zeros += stored.z;
      for (let i = 0; i < stored.k.length; i++) {
        bins.set(stored.k[i], (bins.get(stored.k[i]) ?? 0) + stored.c[i]);
      }
    }
    const keys = [...bins.keys()].sort((a, b) => a - b);
    const count = zeros + keys.reduce((n, k) => n + bins.get(k)!, 0);
    const { mapping } = new MergeableSketch().sketch;
    return {
      count,
      quantile: p => {
        if (!count) return undefined;
        const rank = p * (count - 1);
        if (rank < zeros) return 0;
        let running = zeros;
        for (const key of keys) {
          running += bins.get(key)!;
          if (running > rank) return mapping.value(key);
        }
        return mapping.value(keys[keys.length - 1]);
      },
    };
  }
}
