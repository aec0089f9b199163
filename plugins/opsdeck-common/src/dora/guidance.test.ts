import { doraTrend, needsGuidance } from './guidance';

describe('doraTrend and needsGuidance', () => {
  it('reads direction per metric: more deployments is better, longer lead time is worse', () => {
    expect(doraTrend('deploymentFrequency', 2, 1)).toBe('better');
    expect(doraTrend('deploymentFrequency', 1, 2)).toBe('worse');
    expect(doraTrend('changeLeadTime', 10, 5)).toBe('worse');
    expect(doraTrend('changeFailRate', 0.1, 0.3)).toBe('better');
    expect(doraTrend('mttr', 102, 100)).toBe('same');
    expect(doraTrend('recoveryTime', null, 100)).toBe('unknown');
  });

  it('explains low and medium tiers and anything that got worse', () => {
    expect(needsGuidance('low', 'better')).toBe(true);
    expect(needsGuidance('medium', 'same')).toBe(true);
    expect(needsGuidance('elite', 'worse')).toBe(true);
    expect(needsGuidance('high', 'same')).toBe(false);
    expect(needsGuidance(null, 'unknown')).toBe(false);
  });
});
