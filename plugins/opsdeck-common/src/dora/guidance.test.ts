import { compareAnswer, compareWindows, needsGuidance } from './guidance';
import { DoraMetrics, metricsFromTotals, exactQuantiles } from './metrics';

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 5, 1);

/** A 30-day window's metrics with the given counts and values. */
function window(
  from: number,
  t: {
    successes?: number;
    leadTimes?: number[];
    completed?: number;
    failed?: number;
  },
): DoraMetrics {
  return metricsFromTotals(
    {
      everSent: true,
      successes: t.successes ?? 0,
      deploymentDays: t.successes ?? 0,
      leadTimes: exactQuantiles(t.leadTimes ?? []),
      completed: t.completed ?? 0,
      failed: t.failed ?? 0,
      rework: 0,
      recoveries: exactQuantiles([]),
      unrecovered: 0,
      discarded: 0,
      opened: 0,
      durations: exactQuantiles([]),
      unresolved: 0,
    } as any,
    { window: { from, to: from + 30 * DAY } },
  );
}

const previous = (t: Parameters<typeof window>[1]) =>
  window(FROM - 30 * DAY, t);
const current = (t: Parameters<typeof window>[1]) => window(FROM, t);
const LONG_AGO = FROM - 400 * DAY;

describe('compareWindows (the Trends rule)', () => {
  it('says "not enough history" when the history starts inside the previous window', () => {
    const c = compareWindows(
      'deploymentFrequency',
      current({ successes: 60 }),
      previous({ successes: 6 }),
      FROM - 10 * DAY,
    );
    expect(c).toEqual({
      trend: 'not-enough-history',
      reason: 'history-starts-late',
    });
    expect(
      compareWindows(
        'deploymentFrequency',
        current({ successes: 60 }),
        previous({}),
        null,
      ).trend,
    ).toBe('not-enough-history');
  });

  it('says "not enough history" when a window holds fewer than 5 values', () => {
    const c = compareWindows(
      'changeLeadTime',
      current({ leadTimes: [1, 2, 3, 4, 5].map(h => h * 3_600_000) }),
      previous({ leadTimes: [1, 2, 3, 4].map(h => h * 3_600_000) }),
      LONG_AGO,
    );
    expect(c).toEqual({
      trend: 'not-enough-history',
      reason: 'too-few-values',
    });
  });

  it('calls a tier drop worse even when the number moved little', () => {
    // 30 vs 31 deployments in 30 days: elite (≥ 1/day) drops to high.
    expect(
      compareWindows(
        'deploymentFrequency',
        current({ successes: 29 }),
        previous({ successes: 31 }),
        LONG_AGO,
      ).trend,
    ).toBe('worse');
  });

  it('needs 10 percentage points for a rate and 50 % for durations and frequency', () => {
    const rate = (failedNow: number, failedBefore: number) =>
      compareWindows(
        'changeFailRate',
        current({ completed: 100, failed: failedNow }),
        previous({ completed: 100, failed: failedBefore }),
        LONG_AGO,
      ).trend;
    expect(rate(25, 16)).toBe('same'); // low tier both, +9 pp
    expect(rate(30, 20)).toBe('worse'); // +10 pp
    expect(rate(20, 30)).toBe('better');

    const hours = (h: number) => Array.from({ length: 6 }, () => h * 3_600_000);
    const lead = (now: number, before: number) =>
      compareWindows(
        'changeLeadTime',
        current({ leadTimes: hours(now) }),
        previous({ leadTimes: hours(before) }),
        LONG_AGO,
      ).trend;
    expect(lead(7, 5)).toBe('same'); // elite both, +40 %
    expect(lead(15, 10)).toBe('worse'); // +50 %
    expect(lead(5, 10)).toBe('better');

    const freq = (now: number, before: number) =>
      compareWindows(
        'deploymentFrequency',
        current({ successes: now }),
        previous({ successes: before }),
        LONG_AGO,
      ).trend;
    expect(freq(10, 15)).toBe('same'); // medium both, −33 %
    expect(lead(0, 0)).toBe('same'); // nothing moved, even at zero
    expect(freq(10, 20)).toBe('worse');
  });

  it('compares every metric of an answer, each by its own counts', () => {
    const cmp = compareAnswer({
      current: current({ successes: 40, completed: 40, failed: 2 }),
      previous: previous({ successes: 40, completed: 40, failed: 2 }),
      firstEventAt: LONG_AGO,
    });
    expect(cmp.deploymentFrequency.trend).toBe('same');
    expect(cmp.changeFailRate.trend).toBe('same');
    expect(cmp.mttr).toEqual({
      trend: 'not-enough-history',
      reason: 'too-few-values',
    });
  });
});

describe('needsGuidance', () => {
  it('explains low and medium tiers and anything that got worse, never a good number alone', () => {
    expect(needsGuidance('low', 'better')).toBe(true);
    expect(needsGuidance('medium', 'same')).toBe(true);
    expect(needsGuidance('elite', 'worse')).toBe(true);
    expect(needsGuidance('high', 'same')).toBe(false);
    expect(needsGuidance('elite', 'not-enough-history')).toBe(false);
    expect(needsGuidance(null, 'not-enough-history')).toBe(false);
  });
});
