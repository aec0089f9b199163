import {
  budgetGate,
  burnRate,
  burnStatus,
  errorBudget,
  sliOf,
  timeToExhaustion,
} from './budget';

const DAY = 86_400_000;
/** Within a relative 1e-9 of the hand-derived value. */
const near = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    Math.abs(expected) * 1e-9,
  );
};

describe('error budgets (golden, derived by hand)', () => {
  it('a 99.9 % objective at 99.94 %: 60 % of the budget spent, burning fast enough to page', () => {
    // SLI = 999 400 ÷ 1 000 000 = 0.9994; budget = 0.001; consumed = 0.0006 ÷ 0.001 = 0.6
    const budget = errorBudget(0.999, { good: 999_400, total: 1_000_000 });
    near(budget?.sli, 0.9994);
    near(budget?.budget, 0.001);
    near(budget?.consumed, 0.6);
    near(budget?.remaining, 0.4);
    expect(budget?.exhausted).toBe(false);
    expect(budgetGate(budget)).toBe('go');

    // 5 m: 180 bad of 10 000 → 0.018 ÷ 0.001 = 18; 1 h: 1 800 of 120 000 → 0.015 ÷ 0.001 = 15
    const b5m = burnRate(0.999, { good: 9_820, total: 10_000 });
    const b1h = burnRate(0.999, { good: 118_200, total: 120_000 });
    near(b5m, 18);
    near(b1h, 15);
    expect(burnStatus({ '5m': b5m, '1h': b1h, '6h': 3, '30m': 4 })).toBe(
      'page',
    );
    // 0.4 × 30 days ÷ 15 = 0.8 days = 69 120 000 ms (19.2 h)
    near(timeToExhaustion(budget, 30 * DAY, b1h), 69_120_000);
  });

  it('a slow burn opens a ticket; one fast window alone pages nobody', () => {
    expect(
      burnStatus({
        '5m': 0.5,
        '30m': 1,
        '1h': 2,
        '6h': 1.5,
        '1d': 1.1,
        '3d': 1.2,
      }),
    ).toBe('ticket');
    // 1 h at 20× but 5 m at 3×: the short window says it has stopped
    expect(burnStatus({ '5m': 3, '1h': 20, '6h': 2, '30m': 2 })).toBe('ok');
    // 6 h and 30 m both at 6× page
    expect(burnStatus({ '6h': 6, '30m': 6.5 })).toBe('page');
  });

  it('an exhausted budget makes the gate wait, and has no time left', () => {
    // 1 500 bad of 1 000 000 at 99.9 %: consumed 1.5, remaining −0.5
    const budget = errorBudget(0.999, { good: 998_500, total: 1_000_000 });
    near(budget?.consumed, 1.5);
    near(budget?.remaining, -0.5);
    expect(budget?.exhausted).toBe(true);
    expect(budgetGate(budget)).toBe('wait');
    expect(timeToExhaustion(budget, 30 * DAY, 2)).toBe(0);
    // a stricter policy waits earlier
    const half = errorBudget(0.99, { good: 995, total: 1000 }); // consumed 0.5
    expect(budgetGate(half, { waitAtOrBelow: 0.5 })).toBe('wait');
    expect(budgetGate(half)).toBe('go');
  });

  it('says "no data" rather than 0 %, and refuses a target outside (0, 1)', () => {
    expect(sliOf({ good: 0, total: 0 })).toBeNull();
    expect(errorBudget(0.999, { good: 0, total: 0 })).toBeNull();
    expect(burnRate(0.999, { good: 0, total: 0 })).toBeNull();
    expect(budgetGate(null)).toBe('unknown');
    expect(burnStatus({ '1h': null, '5m': null })).toBe('no-data');
    expect(timeToExhaustion(null, 30 * DAY, 1)).toBeNull();
    // nothing burns: no exhaustion time
    const clean = errorBudget(0.999, { good: 100, total: 100 });
    near(clean?.remaining, 1);
    expect(timeToExhaustion(clean, 30 * DAY, 0)).toBeNull();
    expect(() => errorBudget(1, { good: 1, total: 1 })).toThrow('target');
  });
});
