import {
  DEFAULT_BURN_RULES,
  SloDefinition,
  parseOpenSlo,
} from '@opsdeck/backstage-plugin-common';
import { ProviderHttpError } from '@opsdeck/backstage-plugin-node';
import {
  HOUR,
  MINUTE,
  TestPrometheus,
  freePort,
  knownHistory,
  startPrometheus,
} from '../__testUtils__/prometheus';
import { PrometheusSliProvider } from './PrometheusSliProvider';
import { evaluateSlo } from './evaluateSlo';

jest.setTimeout(60_000);

/** The evaluation time: a whole hour, on a sample. */
const AT = Math.floor(Date.now() / HOUR) * HOUR;
const DAY = 24 * HOUR;

/** Within a relative 1e-9 of the hand-derived value. */
const near = (actual: number | null | undefined, expected: number) =>
  expect(
    Math.abs((actual as number) - expected) / Math.abs(expected),
  ).toBeLessThanOrEqual(1e-9);

/** An OpenSLO v1 SLO over 28 days with the given indicator and objectives. */
function slo(indicator: object, objectives: object[]): SloDefinition {
  const parsed = parseOpenSlo({
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-availability' },
    spec: {
      timeWindow: [{ duration: '28d', isRolling: true }],
      indicator: { spec: indicator },
      objectives,
    },
  });
  if (!('slo' in parsed)) throw new Error(parsed.error);
  return parsed.slo;
}

const source = (query: string, ref?: string) => ({
  metricSource: {
    type: 'Prometheus',
    ...(ref ? { metricSourceRef: ref } : {}),
    spec: { query },
  },
});

describe('PrometheusSliProvider against a real Prometheus', () => {
  let prometheus: TestPrometheus;
  let provider: PrometheusSliProvider;
  beforeAll(async () => {
    prometheus = await startPrometheus(knownHistory(AT));
    provider = new PrometheusSliProvider([
      { name: 'main', baseUrl: prometheus.url },
    ]);
  });
  afterAll(() => prometheus?.stop());

  it('counts a counter over a span at a fixed time, and says which query it ran', async () => {
    // The last hour: 50 minutes at 99 good + 10 at 80 = 5 750. Samples sit on both ends of the
    // range, so increase() extrapolates nothing.
    const good = await provider.increase({
      sli: { query: 'http_requests_total{code="200"}' },
      spanMs: HOUR,
      at: AT,
    });
    expect(good).toEqual({
      value: 5_750,
      query: 'sum(increase(http_requests_total{code="200"}[3600s]))',
    });
    // Before the history starts: no samples, 0 (the evaluator reads total 0 as "no data").
    const before = await provider.increase({
      sli: { query: 'http_requests_total' },
      spanMs: HOUR,
      at: AT - 5 * HOUR,
    });
    expect(before.value).toBe(0);
  });

  it('evaluates a ratio SLO exactly as DESIGN.md defines it, for two objectives', async () => {
    const answer = await evaluateSlo({
      slo: slo(
        {
          ratioMetric: {
            counter: true,
            good: source('http_requests_total{code="200"}'),
            total: source('http_requests_total'),
          },
        },
        [
          { displayName: 'strict', target: 0.999 },
          { displayName: 'loose', target: 0.95 },
        ],
      ),
      file: './slo/checkout.yaml',
      provider,
      at: AT,
      rules: DEFAULT_BURN_RULES,
    });
    const [strict, loose] = answer.objectives;
    // The window (28 d) holds the 3 h of history: 170 min × 99 + 10 × 80 = 17 630 good of 18 000
    // (the counters start at 0, so increase() does not extrapolate before the first sample).
    expect(strict.window.good).toBe(17_630);
    expect(strict.window.total).toBe(18_000);
    expect(strict.window.queries).toEqual([
      'sum(increase(http_requests_total{code="200"}[2419200s]))',
      'sum(increase(http_requests_total[2419200s]))',
    ]);
    near(strict.sli, 17_630 / 18_000);
    // At 99.9 %: consumed = (370 / 18 000) ÷ 0.001 = 20.555…: exhausted, nothing left to burn.
    near(strict.budget!.consumed, 370 / 18_000 / 0.001);
    near(strict.budget!.remaining, 1 - 370 / 18_000 / 0.001);
    expect(strict.budget!.exhausted).toBe(true);
    near(strict.remainingMs, (1 - 370 / 18_000 / 0.001) * 28 * DAY);
    expect(strict.timeToExhaustionMs).toBe(0);
    // Burn = (1 − SLI over the lookback) ÷ 0.001: 5 m 100 of 500 bad → 200; 30 m 220 of 3 000;
    // 1 h 250 of 6 000; 6 h, 1 d and 3 d all 370 of 18 000.
    const burns = Object.fromEntries(
      strict.burnRates.map(b => [b.lookback, b.rate]),
    );
    near(burns['5m'], 200);
    near(burns['30m'], 220 / 3_000 / 0.001);
    near(burns['1h'], 250 / 6_000 / 0.001);
    for (const l of ['6h', '1d', '3d']) near(burns[l], 370 / 18_000 / 0.001);
    expect(strict.burnRates[0].queries[1]).toBe(
      'sum(increase(http_requests_total[300s]))',
    );
    // 1 h (41.7) and 5 m (200) both ≥ 14.4: page.
    expect(strict.status).toBe('page');
    // At 95 %: consumed 0.4111…, 1 h burn 0.8333…, 3 d burn 0.4111 < 1: ok; the budget lasts
    // remaining × 28 d ÷ burn(1 h).
    near(loose.budget!.remaining, 1 - 370 / 18_000 / 0.05);
    expect(loose.status).toBe('ok');
    near(
      loose.timeToExhaustionMs,
      ((1 - 370 / 18_000 / 0.05) * 28 * DAY) / (250 / 6_000 / 0.05),
    );
    expect(answer.graphUrl).toMatch(
      new RegExp(`^${prometheus.url}/graph\\?g0\\.expr=`),
    );
  });

  it('counts bad requests into the same SLI', async () => {
    const answer = await evaluateSlo({
      slo: slo(
        {
          ratioMetric: {
            bad: source('http_requests_total{code="500"}'),
            total: source('http_requests_total'),
          },
        },
        [{ target: 0.999 }],
      ),
      file: 'x',
      provider,
      at: AT,
      rules: DEFAULT_BURN_RULES,
    });
    expect(answer.objectives[0].window.good).toBe(17_630);
    near(answer.objectives[0].sli, 17_630 / 18_000);
  });

  it('evaluates a threshold SLO as the share of good one-minute slices', async () => {
    const answer = await evaluateSlo({
      slo: slo({ thresholdMetric: source('latency_seconds') }, [
        { target: 0.9, op: 'lte', value: 0.3, timeSliceWindow: '1m' },
      ]),
      file: 'x',
      provider,
      at: AT,
      rules: DEFAULT_BURN_RULES,
    });
    const [objective] = answer.objectives;
    // Prometheus 2 subqueries include both ends: 181 slices from at − 3 h to at (none earlier,
    // nothing is there), the 10 after at − 10 min over 0.3 s.
    expect(objective.window).toEqual({
      good: 171,
      total: 181,
      queries: [
        'sum(sum_over_time((latency_seconds <= bool 0.3)[2419200s:60s]))',
        'sum(count_over_time((latency_seconds)[2419200s:60s]))',
      ],
    });
    const burns = Object.fromEntries(
      objective.burnRates.map(b => [b.lookback, b.rate]),
    );
    // 5 m: all 6 slices bad → burn 1 ÷ 0.1 = 10; 1 h: 10 of 61 → (10 / 61) ÷ 0.1.
    near(burns['5m'], 10);
    near(burns['1h'], 10 / 61 / 0.1);
    // 6 h: 10 of 181 bad → 0.552…; 30 m: 10 of 31 → 3.2; neither rule fires (6 over 6 h and
    // 30 m; 1 over 3 d and 6 h).
    expect(objective.status).toBe('ok');
  });

  it('gives the steps of a budget chart from query_range', async () => {
    const steps = await provider.increaseSteps({
      sli: { query: 'http_requests_total{code="200"}' },
      from: AT - 3 * HOUR,
      to: AT,
      stepMs: HOUR,
    });
    expect(steps).toEqual({
      points: [
        { at: AT - 2 * HOUR, value: 5_940 },
        { at: AT - HOUR, value: 5_940 },
        { at: AT, value: 5_750 },
      ],
      query: 'sum(increase(http_requests_total{code="200"}[3600s]))',
    });
  });

  it('picks the instance metricSourceRef names, and names a missing one', async () => {
    const two = new PrometheusSliProvider([
      { name: 'eu', baseUrl: `http://127.0.0.1:${await freePort()}` },
      { name: 'us', baseUrl: prometheus.url },
    ]);
    const us = await two.increase({
      sli: { query: 'http_requests_total', instance: 'us' },
      spanMs: 5 * MINUTE,
      at: AT,
    });
    expect(us.value).toBe(500);
    await expect(
      two.increase({
        sli: { query: 'http_requests_total', instance: 'apac' },
        spanMs: HOUR,
        at: AT,
      }),
    ).rejects.toThrow(
      "metricSourceRef: no Prometheus named 'apac' is configured (opsdeck.slo.providers.prometheus has eu, us)",
    );
    // The default instance is the first: nothing listens there — a transient error.
    const down = await two
      .increase({ sli: { query: 'up' }, spanMs: HOUR, at: AT })
      .catch(e => e);
    expect(down).toBeInstanceOf(ProviderHttpError);
    expect(down.transient).toBe(true);
  });

  it('says what is wrong with a bad query (not transient)', async () => {
    const error = await provider
      .increase({ sli: { query: 'rate(' }, spanMs: HOUR, at: AT })
      .catch(e => e);
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect(error.message).toMatch(/Prometheus 'main' answered 400/);
    expect(error.transient).toBe(false);
  });
});
