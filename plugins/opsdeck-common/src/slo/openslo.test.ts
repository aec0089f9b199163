import { parseOpenSlo, parseSloDuration } from './openslo';

const checkout = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: {
    name: 'checkout-availability',
    displayName: 'Checkout availability',
  },
  spec: {
    service: 'checkout-api',
    budgetingMethod: 'Occurrences',
    timeWindow: [{ duration: '28d', isRolling: true }],
    indicator: {
      metadata: { name: 'checkout-good-requests' },
      spec: {
        ratioMetric: {
          counter: true,
          good: {
            metricSource: {
              type: 'Prometheus',
              spec: {
                query: 'http_requests_total{job="checkout",code!~"5.."}',
              },
            },
          },
          total: {
            metricSource: {
              type: 'Prometheus',
              metricSourceRef: 'eu-west',
              spec: { query: 'http_requests_total{job="checkout"}' },
            },
          },
        },
      },
    },
    objectives: [{ target: 0.999 }],
  },
};

describe('parseOpenSlo', () => {
  it('reads a ratio SLO: window, counters and objectives', () => {
    const parsed = parseOpenSlo(checkout);
    expect(parsed).toEqual({
      slo: {
        name: 'checkout-availability',
        displayName: 'Checkout availability',
        windowMs: 28 * 86_400_000,
        window: '28d',
        budgetingMethod: 'Occurrences',
        indicator: {
          kind: 'ratio',
          count: 'good',
          numerator: {
            type: 'prometheus',
            query: 'http_requests_total{job="checkout",code!~"5.."}',
          },
          total: {
            type: 'prometheus',
            query: 'http_requests_total{job="checkout"}',
            ref: 'eu-west',
          },
        },
        objectives: [{ displayName: '99.9 %', target: 0.999 }],
      },
    });
  });

  it('reads a threshold SLO: the objective holds the operator and the value', () => {
    const parsed = parseOpenSlo({
      ...checkout,
      spec: {
        ...checkout.spec,
        budgetingMethod: 'Timeslices',
        indicator: {
          spec: {
            thresholdMetric: {
              metricSource: {
                type: 'prometheus',
                spec: {
                  query:
                    'histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m])))',
                },
              },
            },
          },
        },
        objectives: [
          {
            displayName: 'p99 under 300 ms',
            target: 0.99,
            op: 'lte',
            value: 0.3,
            timeSliceWindow: '5m',
          },
        ],
      },
    });
    expect('slo' in parsed && parsed.slo.indicator.kind).toBe('threshold');
    expect('slo' in parsed && parsed.slo.objectives[0]).toEqual({
      displayName: 'p99 under 300 ms',
      target: 0.99,
      threshold: { op: 'lte', value: 0.3, sliceMs: 5 * 60_000 },
    });
  });

  it('refuses time slices of a ratio SLI rather than count them as events', () => {
    expect(
      parseOpenSlo({
        ...checkout,
        spec: { ...checkout.spec, budgetingMethod: 'Timeslices' },
      }),
    ).toEqual({
      error:
        'spec.budgetingMethod: Timeslices needs a thresholdMetric; a ratio SLI is counted as Occurrences',
    });
  });

  it('names the first bad field', () => {
    const broken = (patch: object) =>
      parseOpenSlo({ ...checkout, spec: { ...checkout.spec, ...patch } });
    expect(
      parseOpenSlo({ ...checkout, apiVersion: 'openslo/v1alpha' }),
    ).toEqual({
      error: 'apiVersion: must be openslo/v1, got "openslo/v1alpha"',
    });
    expect(broken({ objectives: [{ target: 99.9 }] })).toEqual({
      error:
        'spec.objectives[0].target: a number between 0 and 1 (exclusive), e.g. 0.999',
    });
    expect(
      broken({ timeWindow: [{ duration: 'a month', isRolling: true }] }),
    ).toEqual({
      error: 'spec.timeWindow[0].duration: a duration such as 7d, 28d or 30d',
    });
    expect(
      broken({
        indicator: {
          spec: {
            ratioMetric: {
              good: { metricSource: { type: 'Prometheus', spec: {} } },
            },
          },
        },
      }),
    ).toEqual({
      error:
        'spec.indicator.spec.ratioMetric.good.metricSource.spec.query: required, a non-empty string',
    });
    expect(parseOpenSlo('not yaml')).toEqual({
      error: 'document: must be a mapping',
    });
  });

  it('reads durations in minutes, hours, days and weeks', () => {
    expect(parseSloDuration('5m')).toBe(300_000);
    expect(parseSloDuration('6h')).toBe(21_600_000);
    expect(parseSloDuration('1w')).toBe(604_800_000);
    expect(parseSloDuration('0d')).toBeUndefined();
    expect(parseSloDuration('30 days')).toBeUndefined();
  });
});
