import { BENCHMARK_SETS, createCustomBenchmarkSet, tierOf } from './benchmarks';
import { DAY, HOUR } from './testFixtures';

const set2023 = BENCHMARK_SETS['dora-2023'];

describe('benchmark sets', () => {
  it.each([
    ['deploymentFrequency', 1, 'elite'], // ≥ 1 per day
    ['deploymentFrequency', 1 / 7, 'high'], // ≥ 1 per week
    ['deploymentFrequency', 1 / 30, 'medium'], // ≥ 1 per 30 days
    ['deploymentFrequency', 1 / 31, 'low'],
    ['changeLeadTime', DAY - 1, 'elite'], // < 1 day
    ['changeLeadTime', DAY, 'high'], // 1 day is not < 1 day
    ['changeLeadTime', 30 * DAY, 'low'], // ≥ 30 days
    ['changeFailRate', 0.05, 'elite'], // ≤ 5 %
    ['changeFailRate', 0.1, 'high'],
    ['changeFailRate', 0.15, 'medium'],
    ['changeFailRate', 0.151, 'low'],
    ['recoveryTime', HOUR - 1, 'elite'],
    ['recoveryTime', 7 * DAY, 'low'],
    ['mttr', 2 * HOUR, 'high'],
  ] as const)('dora-2023 %s %p → %s', (metric, value, tier) => {
    expect(tierOf(set2023, metric, value).tier).toBe(tier);
  });

  it('dora-2021 reads its own thresholds', () => {
    const set = BENCHMARK_SETS['dora-2021'];
    expect(tierOf(set, 'changeLeadTime', 2 * HOUR).tier).toBe('high'); // elite < 1 h
    expect(tierOf(set, 'deploymentFrequency', 1 / 100).tier).toBe('medium'); // ≥ 1 per 182 days
    expect(tierOf(set, 'changeFailRate', 0.3).tier).toBe('high'); // ≤ 30 %
  });

  it('rework rate is never benchmarked, and `none` benchmarks nothing', () => {
    expect(tierOf(set2023, 'reworkRate', 0.1)).toEqual({
      tier: null,
      tierReason: 'not-benchmarked',
    });
    expect(tierOf(BENCHMARK_SETS.none, 'changeFailRate', 0)).toEqual({
      tier: null,
      tierReason: 'not-benchmarked',
    });
  });

  it('custom thresholds must be monotonic, and say which metric is wrong', () => {
    const custom = createCustomBenchmarkSet({
      changeFailRate: {
        comparison: 'at-most',
        elite: 0.02,
        high: 0.05,
        medium: 0.1,
      },
    });
    expect(tierOf(custom, 'changeFailRate', 0.04).tier).toBe('high');
    expect(tierOf(custom, 'deploymentFrequency', 5).tierReason).toBe(
      'not-benchmarked',
    );
    expect(() =>
      createCustomBenchmarkSet({
        changeLeadTime: {
          comparison: 'below',
          elite: DAY,
          high: HOUR,
          medium: 2 * DAY,
        },
      }),
    ).toThrow(/customThresholds\.changeLeadTime/);
    expect(() =>
      createCustomBenchmarkSet({
        mttr: { comparison: 'below', elite: -1, high: 1, medium: 2 },
      }),
    ).toThrow(/customThresholds\.mttr/);
  });
});
