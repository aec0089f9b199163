/**
 * The demo services' request traffic, shared by the 30-day SLO history (demoSloHistory.ts, loaded
 * into the demo's Prometheus with promtool) and the live exporter (demoMetricsModule.ts), so both
 * write the same series: `http_requests_total{job="opsdeck-demo",service,code}`,
 * `http_request_duration_seconds_{bucket,count,sum}{job="opsdeck-demo",service,le}` and
 * `messages_processed_total{job="opsdeck-demo",service,outcome}`. Prometheus gives scraped series
 * `job="opsdeck-demo"` from the scrape job and drops `instance` (scripts/demo.sh), so history and
 * live data are one series per label set.
 */

/** The scrape job's name, and the `job` label of the history's series. */
export const DEMO_METRICS_JOB = 'opsdeck-demo';

/** The latency histogram's buckets, seconds (the latency SLOs count requests under 0.3 s). */
export const LATENCY_BUCKETS = [0.1, 0.3, 1] as const;

/** How a demo service's traffic looks. */
export interface DemoSloService {
  /** The Component's name, the series' `service` label. */
  name: string;
  /**
   * `http`: `http_requests_total{code}` (200, 404, 500, 503) and, with `slowRatio`, the latency
   * histogram. `queue`: `messages_processed_total{outcome}` (ok, failed).
   */
  kind: 'http' | 'queue';
  /** Average requests (or messages) a second over a day. */
  rate: number;
  /** Share of requests that fail (5xx, or failed messages) on an ordinary day. */
  errorRatio: number;
  /** Share of requests slower than 0.3 s on an ordinary day; set: it has the histogram. */
  slowRatio?: number;
  /**
   * What a failed deployment or an incident does to the errors: this share fails for at most
   * `maxHours` (or until the fix, when sooner), then `tailRatio` until the fix.
   */
  trouble: { errorRatio: number; maxHours: number; tailRatio?: number };
  /** Services without demo deployments have a short blip on this share of days. */
  blipsPerDay?: number;
  /** Failing at this share for the last `hours` before the anchor, and live: it pages. */
  burning?: { errorRatio: number; hours: number };
}

/**
 * Payments: healthy (a third of the budget goes to ordinary errors, a little more to the odd
 * failed deployment). Storefront: web-storefront burns its budget and pages now; the rest are
 * healthy. Logistics: no SLOs, no series.
 */
export const DEMO_SLO_SERVICES: DemoSloService[] = [
  {
    name: 'checkout-api',
    kind: 'http',
    rate: 40,
    errorRatio: 0.0003,
    slowRatio: 0.004,
    trouble: { errorRatio: 0.02, maxHours: 1 },
  },
  {
    name: 'payment-gateway',
    kind: 'http',
    rate: 25,
    errorRatio: 0.00025,
    trouble: { errorRatio: 0.02, maxHours: 1 },
  },
  {
    name: 'fraud-detector',
    kind: 'http',
    rate: 15,
    errorRatio: 0.0002,
    trouble: { errorRatio: 0.015, maxHours: 1.5 },
  },
  {
    name: 'invoice-service',
    kind: 'http',
    rate: 4,
    errorRatio: 0.0003,
    trouble: { errorRatio: 0.02, maxHours: 0.5 },
    blipsPerDay: 0.1,
  },
  {
    name: 'ledger-worker',
    kind: 'queue',
    rate: 30,
    errorRatio: 0.0002,
    trouble: { errorRatio: 0.015, maxHours: 0.75 },
    blipsPerDay: 0.1,
  },
  {
    name: 'web-storefront',
    kind: 'http',
    rate: 80,
    errorRatio: 0.0006,
    trouble: { errorRatio: 0.03, maxHours: 1.5, tailRatio: 0.001 },
    burning: { errorRatio: 0.03, hours: 9 },
  },
  {
    name: 'product-catalog',
    kind: 'http',
    rate: 60,
    errorRatio: 0.0002,
    slowRatio: 0.003,
    trouble: { errorRatio: 0.01, maxHours: 0.75 },
  },
  {
    name: 'search-service',
    kind: 'http',
    rate: 35,
    errorRatio: 0.0003,
    trouble: { errorRatio: 0.02, maxHours: 0.5 },
    blipsPerDay: 0.1,
  },
  {
    name: 'recommendations',
    kind: 'http',
    rate: 20,
    errorRatio: 0.0008,
    trouble: { errorRatio: 0.03, maxHours: 0.5 },
    blipsPerDay: 0.1,
  },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Traffic relative to the day's average: lowest at 03:00 UTC (0.6), highest at 15:00 (1.4). */
export function dailyTraffic(time: number): number {
  const hour = (time % DAY) / HOUR;
  return 1 + 0.4 * Math.sin((2 * Math.PI * (hour - 9)) / 24);
}

/** Share of 5xx that are 500 (the rest are 503), and of the other answers that are 404. */
export const SHARE_500 = 0.7;
export const SHARE_404 = 0.01;
/** Of the requests slower than 0.3 s, the share slower than 1 s; of the rest, the share under 0.1 s. */
export const SHARE_OVER_1S = 0.2;
export const SHARE_UNDER_100MS = 0.75;

/**
 * Counts one interval of a service adds, split the way its series are labelled. `round` turns an
 * expected count into a whole one (stochastic rounding in the history, carried remainders live).
 */
export function splitCounts(
  expected: { total: number; errorRatio: number; slowRatio: number },
  round: (key: string, value: number) => number,
) {
  const total = round('total', expected.total);
  const bad = Math.min(total, round('bad', total * expected.errorRatio));
  const e500 = Math.min(bad, round('500', bad * SHARE_500));
  const e404 = Math.min(total - bad, round('404', (total - bad) * SHARE_404));
  const slow = Math.min(total, round('slow', total * expected.slowRatio));
  const over1s = Math.min(slow, round('over1s', slow * SHARE_OVER_1S));
  const under100ms = Math.min(
    total - slow,
    round('under100ms', (total - slow) * SHARE_UNDER_100MS),
  );
  return {
    total,
    bad,
    slow,
    codes: {
      '200': total - bad - e404,
      '404': e404,
      '500': e500,
      '503': bad - e500,
    },
    outcomes: { ok: total - bad, failed: bad },
    /** Cumulative per bucket, as `le` counts them. */
    buckets: {
      '0.1': under100ms,
      '0.3': total - slow,
      '1': total - over1s,
      '+Inf': total,
    },
    /** Seconds spent: 50 ms, 200 ms, 500 ms and 1.5 s per request of each band. */
    seconds:
      under100ms * 0.05 +
      (total - slow - under100ms) * 0.2 +
      (slow - over1s) * 0.5 +
      over1s * 1.5,
  };
}
