import { DDSketch } from '@datadog/sketches-js';
import { MergeableSketch } from './sketch';

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => ((i * 7919 + seed) % 100_000) * 60_000);

describe('MergeableSketch', () => {
  it("answers the library's quantiles for the union of stored sketches", () => {
    const a = values(3000, 1);
    const b = [...values(2000, 2), 0, 0];
    const reference = new DDSketch({ relativeAccuracy: 0.01 });
    [...a, ...b].forEach(v => reference.accept(v));
    const q = MergeableSketch.quantilesOf([
      MergeableSketch.of(a).encode(),
      MergeableSketch.of(b).encode(),
    ]);
    expect(q.count).toBe(5002);
    for (const p of [0, 0.1, 0.5, 0.9, 1]) {
      expect(q.quantile(p)).toBe(reference.getValueAtQuantile(p));
    }
    expect(MergeableSketch.quantilesOf([]).quantile(0.5)).toBeUndefined();
  });

  it('takes out exactly what was added', () => {
    const a = MergeableSketch.of(values(500, 3)).encode();
    const b = MergeableSketch.of(values(700, 4)).encode();
    expect(new MergeableSketch().add(a).add(b).subtract(a).encode()).toBe(b);
  });
});
