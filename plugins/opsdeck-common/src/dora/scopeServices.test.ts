import {
  DoraHeadline,
  DORA_METRIC_NAMES,
  tierDistribution,
} from './scopeServices';

const row = (tiers: Array<DoraHeadline['tier']>) => ({
  dora: Object.fromEntries(
    DORA_METRIC_NAMES.map((name, i) => [
      name,
      { value: tiers[i] ? 1 : null, tier: tiers[i] ?? null },
    ]),
  ) as any,
});

describe('tierDistribution', () => {
  it('counts services per tier of each metric, untiered ones as none', () => {
    const d = tierDistribution([
      row(['elite', 'high', 'low', null, null, 'medium']),
      row(['elite', 'low', 'low', 'high', null, null]),
      row([null, null, null, null, null, null]),
    ]);
    expect(d.deploymentFrequency).toEqual({
      elite: 2,
      high: 0,
      medium: 0,
      low: 0,
      none: 1,
    });
    expect(d.changeFailRate).toEqual({
      elite: 0,
      high: 0,
      medium: 0,
      low: 2,
      none: 1,
    });
    expect(d.reworkRate.none).toBe(3);
    expect(d.mttr).toEqual({ elite: 0, high: 0, medium: 1, low: 0, none: 2 });
  });
});
