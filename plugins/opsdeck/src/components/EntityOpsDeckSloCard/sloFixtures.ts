// Test answers for the SLO card, computed by OpsDeck's own SLO math from good and total counts,
// as the backend's evaluator computes them.
import {
  EntitySloAnswer,
  SLO_LOOKBACKS,
  SloAnswer,
  SloCounts,
  SloLookback,
  SloObjectiveAnswer,
  burnRate,
  burnStatus,
  errorBudget,
  timeToExhaustion,
} from '@opsdeck/backstage-plugin-common';

export const DAY = 86_400_000;
export const WINDOW_MS = 28 * DAY;

const GOOD = 'http_requests_total{service="checkout",code!~"5.."}';
const TOTAL = 'http_requests_total{service="checkout"}';
const queriesOver = (span: string) => [
  `sum(increase(${GOOD}[${span}]))`,
  `sum(increase(${TOTAL}[${span}]))`,
];

/**
 * One objective from counts over the window and over each lookback (a lookback left out, or
 * null, has no data).
 */
export function objectiveOf(options: {
  displayName?: string;
  target?: number;
  window: SloCounts;
  lookbacks: Partial<Record<SloLookback, SloCounts>>;
}): SloObjectiveAnswer {
  const target = options.target ?? 0.999;
  const budget = errorBudget(target, options.window);
  const burnRates = SLO_LOOKBACKS.map(lookback => {
    const counts = options.lookbacks[lookback] ?? { good: 0, total: 0 };
    return {
      lookback,
      rate: burnRate(target, counts),
      queries: queriesOver(lookback),
    };
  });
  const byLookback = Object.fromEntries(
    burnRates.map(b => [b.lookback, b.rate]),
  ) as Record<SloLookback, number | null>;
  return {
    displayName: options.displayName ?? '99.9 % of requests succeed',
    target,
    sli: budget?.sli ?? null,
    window: { ...options.window, queries: queriesOver('28d') },
    budget,
    remainingMs: budget ? budget.remaining * WINDOW_MS : null,
    burnRates,
    status: burnStatus(byLookback),
    timeToExhaustionMs: timeToExhaustion(budget, WINDOW_MS, byLookback['1h']),
  };
}

/** The same counts over every lookback. */
export const everyLookback = (counts: SloCounts) =>
  Object.fromEntries(SLO_LOOKBACKS.map(l => [l, counts])) as Record<
    SloLookback,
    SloCounts
  >;

/** An SLO over 28 days read from `./slo/checkout.yaml`, evaluated by Prometheus. */
export function sloOf(
  objectives: SloObjectiveAnswer[],
  more: Partial<SloAnswer> = {},
): SloAnswer {
  return {
    name: 'checkout-availability',
    displayName: 'Checkout availability',
    description: 'Requests to the checkout API that succeed',
    window: '28d',
    windowMs: WINDOW_MS,
    file: './slo/checkout.yaml',
    provider: { type: 'prometheus', instance: 'main' },
    graphUrl:
      'https://prometheus.acme.test/graph?g0.expr=http_requests_total&g0.range_input=672h',
    objectives,
    ...more,
  };
}

/** A Component's answer with the annotation, the given SLOs and no problems. */
export function answerOf(
  slos: SloAnswer[],
  more: Partial<EntitySloAnswer> = {},
): EntitySloAnswer {
  return {
    entityRef: 'component:default/checkout',
    annotation: './slo/checkout.yaml',
    slos,
    problems: [],
    evaluatedAt: '2026-11-26T10:32:00.000Z',
    asOf: '2026-11-26T10:32:05.000Z',
    stale: false,
    ...more,
  };
}
