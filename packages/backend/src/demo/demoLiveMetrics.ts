import { Counter, Histogram, Registry } from 'prom-client';
import {
  DEMO_SLO_SERVICES,
  DemoSloService,
  LATENCY_BUCKETS,
  dailyTraffic,
  splitCounts,
} from './demoSloServices';

const MINUTE = 60_000;

/** A slow wave around 1 (± `depth`), so live rates move a little without any randomness. */
const wave = (time: number, periodMinutes: number, depth: number, phase = 0) =>
  1 + depth * Math.sin((2 * Math.PI * time) / (periodMinutes * MINUTE) + phase);

/**
 * The demo services' live traffic, as counters Prometheus scrapes: the series of the SLO history
 * (demoSloHistory.ts) carried on from now. Payments and the quiet Storefront services fail at
 * their ordinary rate (0.01–0.05 % for Payments); web-storefront keeps failing 2–4 % of its
 * requests, so it pages. Whole counts only: what a tick cannot add yet is carried to the next.
 */
export class DemoLiveMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'Requests answered, by service and status code.',
    labelNames: ['service', 'code'],
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by service.',
    labelNames: ['service'],
    buckets: [...LATENCY_BUCKETS],
    registers: [this.registry],
  });
  private readonly messages = new Counter({
    name: 'messages_processed_total',
    help: 'Queue messages handled, by service and outcome.',
    labelNames: ['service', 'outcome'],
    registers: [this.registry],
  });
  private readonly carried = new Map<string, number>();

  constructor(private readonly services: DemoSloService[] = DEMO_SLO_SERVICES) {
    // Every series exists from the first scrape, at 0.
    for (const s of services) {
      if (s.kind === 'queue') {
        for (const outcome of ['ok', 'failed']) {
          this.messages.inc({ service: s.name, outcome }, 0);
        }
        continue;
      }
      for (const code of ['200', '404', '500', '503']) {
        this.requests.inc({ service: s.name, code }, 0);
      }
      if (s.slowRatio) this.durations.zero({ service: s.name });
    }
  }

  /** Adds the traffic of the `seconds` up to `time` (epoch ms). */
  tick(time: number, seconds = 1) {
    this.services.forEach((s, index) => {
      const phase = index; // services do not move in step
      const errorRatio = s.burning
        ? s.burning.errorRatio * wave(time, 23, 0.3, phase)
        : s.errorRatio * wave(time, 17, 0.5, phase);
      const counts = splitCounts(
        {
          total: s.rate * seconds * dailyTraffic(time) * wave(time, 7, 0.05),
          errorRatio,
          slowRatio: (s.slowRatio ?? 0) * wave(time, 29, 0.3, phase),
        },
        (key, value) => {
          const id = `${s.name}:${key}`;
          const sum = (this.carried.get(id) ?? 0) + value;
          const whole = Math.floor(sum);
          this.carried.set(id, sum - whole);
          return whole;
        },
      );
      if (s.kind === 'queue') {
        this.messages.inc(
          { service: s.name, outcome: 'ok' },
          counts.total - counts.bad,
        );
        this.messages.inc({ service: s.name, outcome: 'failed' }, counts.bad);
        return;
      }
      for (const [code, n] of Object.entries(counts.codes)) {
        this.requests.inc({ service: s.name, code }, n);
      }
      if (s.slowRatio) {
        // The same four speeds the history counts (demoSloServices.ts: splitCounts).
        const b = counts.buckets;
        const bands: Array<[number, number]> = [
          [0.05, b['0.1']],
          [0.2, b['0.3'] - b['0.1']],
          [0.5, b['1'] - b['0.3']],
          [1.5, b['+Inf'] - b['1']],
        ];
        for (const [value, n] of bands) {
          for (let i = 0; i < n; i++)
            this.durations.observe({ service: s.name }, value);
        }
      }
    });
  }
}
