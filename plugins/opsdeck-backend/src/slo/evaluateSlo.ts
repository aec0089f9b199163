import {
  BurnRule,
  SLO_LOOKBACKS,
  SLO_LOOKBACK_MS,
  SloAnswer,
  SloCountsAnswer,
  SloDefinition,
  SloLookback,
  SloMetricSource,
  SloObjective,
  SloObjectiveAnswer,
  burnRate,
  burnStatus,
  errorBudget,
  timeToExhaustion,
} from '@opsdeck/backstage-plugin-common';
import {
  OpsDeckSliProvider,
  OpsDeckSliQuery,
} from '@opsdeck/backstage-plugin-node';

/** The burn-rate rules in force (DESIGN.md's defaults unless configured). */
export type BurnRules = { page: BurnRule[]; ticket: BurnRule[] };

/** The query a metric source names, as a provider takes it. */
export const sliQueryOf = (source: SloMetricSource): OpsDeckSliQuery => ({
  query: source.query,
  ...(source.ref ? { instance: source.ref } : {}),
});

/** The provider type and instance an SLO's indicator names. */
export function sourceOf(slo: SloDefinition): {
  type: string;
  instance?: string;
} {
  const sources =
    slo.indicator.kind === 'ratio'
      ? [slo.indicator.numerator, slo.indicator.total]
      : [slo.indicator.metric];
  const instance = sources.find(s => s.ref)?.ref;
  return { type: sources[0].type, ...(instance ? { instance } : {}) };
}

/** Good and total over `[at − spanMs, at]` for one objective. */
export type Counter = (
  objective: SloObjective,
  spanMs: number,
) => Promise<SloCountsAnswer>;

export function counterOf(
  slo: SloDefinition,
  provider: OpsDeckSliProvider,
  at: number,
): Counter {
  const indicator = slo.indicator;
  if (indicator.kind === 'ratio') {
    // Objectives share the indicator: count each span once.
    const spans = new Map<number, Promise<SloCountsAnswer>>();
    return (_objective, spanMs) => {
      let counts = spans.get(spanMs);
      if (!counts) {
        counts = Promise.all([
          provider.increase({
            sli: sliQueryOf(indicator.numerator),
            spanMs,
            at,
          }),
          provider.increase({ sli: sliQueryOf(indicator.total), spanMs, at }),
        ]).then(([numerator, total]) => ({
          good:
            indicator.count === 'good'
              ? numerator.value
              : total.value - numerator.value,
          total: total.value,
          queries: [numerator.query, total.query],
        }));
        spans.set(spanMs, counts);
      }
      return counts;
    };
  }
  const timeslices = provider.timeslices?.bind(provider);
  if (!timeslices) {
    throw new Error(
      `${
        provider.title ?? provider.id
      } cannot evaluate threshold SLIs; write a ratio SLI (ratioMetric)`,
    );
  }
  return (objective, spanMs) =>
    timeslices({
      sli: sliQueryOf(indicator.metric),
      op: objective.threshold!.op,
      value: objective.threshold!.value,
      sliceMs: objective.threshold!.sliceMs,
      spanMs,
      at,
    });
}

/**
 * One SLO evaluated at a fixed time `at`: each objective's SLI and budget over the window, its
 * burn rates over the six lookbacks, the multi-window status and the time to exhaustion — each
 * number with the provider's queries. Provider errors propagate (the caller decides whether a
 * last-known answer stands in).
 *
 * @internal
 */
export async function evaluateSlo(options: {
  slo: SloDefinition;
  file: string;
  provider: OpsDeckSliProvider;
  at: number;
  rules: BurnRules;
}): Promise<SloAnswer> {
  const { slo, file, provider, at, rules } = options;
  const count = counterOf(slo, provider, at);
  const objectives = await Promise.all(
    slo.objectives.map(async (objective): Promise<SloObjectiveAnswer> => {
      const [window, ...lookbacks] = await Promise.all([
        count(objective, slo.windowMs),
        ...SLO_LOOKBACKS.map(l => count(objective, SLO_LOOKBACK_MS[l])),
      ]);
      const budget = errorBudget(objective.target, window);
      const burnRates = SLO_LOOKBACKS.map((lookback, i) => ({
        lookback,
        rate: burnRate(objective.target, lookbacks[i]),
        queries: lookbacks[i].queries,
      }));
      const byLookback = Object.fromEntries(
        burnRates.map(b => [b.lookback, b.rate]),
      ) as Record<SloLookback, number | null>;
      return {
        displayName: objective.displayName,
        target: objective.target,
        sli: budget?.sli ?? null,
        window,
        budget,
        remainingMs: budget ? budget.remaining * slo.windowMs : null,
        burnRates,
        status: burnStatus(byLookback, rules),
        timeToExhaustionMs: timeToExhaustion(
          budget,
          slo.windowMs,
          byLookback['1h'],
        ),
      };
    }),
  );
  const source = sourceOf(slo);
  const graphSli =
    slo.indicator.kind === 'ratio'
      ? slo.indicator.numerator
      : slo.indicator.metric;
  const graphUrl = provider.graphUrl?.({
    sli: sliQueryOf(graphSli),
    spanMs: slo.windowMs,
    at,
  });
  return {
    ...describe(slo, file),
    provider: source,
    ...(graphUrl && /^https?:\/\//i.test(graphUrl) ? { graphUrl } : {}),
    objectives,
  };
}

/** The parts of an SLO answer that need no provider. */
export function describe(
  slo: SloDefinition,
  file: string,
): Pick<
  SloAnswer,
  'name' | 'displayName' | 'description' | 'window' | 'windowMs' | 'file'
> {
  return {
    name: slo.name,
    ...(slo.displayName ? { displayName: slo.displayName } : {}),
    ...(slo.description ? { description: slo.description } : {}),
    window: slo.window,
    windowMs: slo.windowMs,
    file,
  };
}
