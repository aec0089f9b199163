/**
 * Deterministic SLO history for the demo's Prometheus: 30 days of request counters for every demo
 * service with SLOs, ending at an anchor (00:00 UTC of the day the demo starts), written as
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`. Each day's noise is seeded
 * by the service and the date, so the same anchor gives the same bytes, and a day looks the same
 * from every anchor that covers it.
 *
 * The history tells the demo's own story (demoHistory.ts): errors rise right after the failed
 * deployments and the incidents of Payments and Storefront, until the fix (or for a while), so a
 * deployment followed by a budget burn can be found; web-storefront has been failing 3 % of its
 * requests for the last hours before the anchor (the live exporter carries on), so it pages.
 */
import { demoHistoryBatches, rngFor } from './demoHistory';
import {
  DEMO_METRICS_JOB,
  DEMO_SLO_SERVICES,
  DemoSloService,
  dailyTraffic,
  splitCounts,
} from './demoSloServices';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A stretch of time when a service fails more than usual, and why. */
export interface TroubleWindow {
  service: string;
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** Share of requests that fail meanwhile. */
  errorRatio: number;
  /** The demo event behind it: a deployment's or an incident's id, `blip` or `burning`. */
  cause: string;
}

type DemoItem = {
  id: string;
  service: string | { value: string };
  status?: string;
  finishedAt?: string;
  openedAt?: string;
  resolvedAt?: string;
};

/** `component:default/checkout-api` or `{ value: 'acme/payment-gateway' }` → its name. */
const nameOf = (service: DemoItem['service']) =>
  (typeof service === 'string' ? service : service.value).replace(/^.*\//, '');

/**
 * When each service failed more than usual over the `days` before `anchor`: after the demo
 * history's failed deployments (until the fix) and before its incidents are resolved, seeded
 * blips for services the demo history does not deploy, and web-storefront's ongoing burn.
 */
export function troubleWindows(anchor: number, days: number): TroubleWindow[] {
  const from = anchor - days * DAY;
  const services = new Map(DEMO_SLO_SERVICES.map(s => [s.name, s]));
  const batches = demoHistoryBatches({ anchorDay: anchor, now: anchor });
  const deployments = batches.flatMap(b => b.deployments as DemoItem[]);
  const incidents = batches.flatMap(b => b.incidents as DemoItem[]);
  const finished = new Map(
    deployments.map(d => [d.id, Date.parse(d.finishedAt!)]),
  );
  const windows: TroubleWindow[] = [];
  const add = (
    service: DemoSloService,
    start: number,
    until: number,
    cause: string,
  ) => {
    const { errorRatio, maxHours, tailRatio } = service.trouble;
    const end = Math.min(until, start + maxHours * HOUR, anchor);
    if (end > from && start < anchor) {
      windows.push({ service: service.name, start, end, errorRatio, cause });
    }
    const tailEnd = Math.min(until, anchor);
    if (tailRatio && tailEnd > end && tailEnd > from) {
      windows.push({
        service: service.name,
        start: end,
        end: tailEnd,
        errorRatio: tailRatio,
        cause,
      });
    }
  };
  for (const d of deployments) {
    const service = services.get(nameOf(d.service));
    if (!service || d.status !== 'failure') continue;
    // Errors from the moment it is live until the fix forward (not yet made: until the anchor).
    add(
      service,
      finished.get(d.id)!,
      finished.get(`${d.id}-fix`) ?? anchor,
      d.id,
    );
  }
  for (const i of incidents) {
    const service = services.get(nameOf(i.service));
    if (!service) continue;
    // Users see errors half an hour before someone opens the incident.
    const opened = Date.parse(i.openedAt!);
    add(service, opened - 30 * MINUTE, Date.parse(i.resolvedAt!), i.id);
  }
  for (const service of DEMO_SLO_SERVICES) {
    for (let day = from; day < anchor; day += DAY) {
      const rng = rngFor(
        `slo-blip:${service.name}:${new Date(day).toISOString().slice(0, 10)}`,
      );
      if (rng() >= (service.blipsPerDay ?? 0)) continue;
      const start = day + (8 + rng() * 12) * HOUR;
      add(service, start, start + (15 + rng() * 30) * MINUTE, 'blip');
    }
    if (service.burning) {
      windows.push({
        service: service.name,
        start: anchor - service.burning.hours * HOUR,
        end: Infinity,
        errorRatio: service.burning.errorRatio,
        cause: 'burning',
      });
    }
  }
  return windows.sort((a, b) => a.start - b.start);
}

/** What one service added in each step of the history. */
export interface ServiceSteps {
  service: DemoSloService;
  total: Int32Array;
  /** Failed requests (5xx) or failed messages. */
  bad: Int32Array;
  /** Requests slower than 0.3 s. */
  slow: Int32Array;
  codes: Record<'200' | '404' | '500' | '503', Int32Array>;
  buckets: Record<'0.1' | '0.3' | '1' | '+Inf', Int32Array>;
  seconds: Float64Array;
}

/** The counts behind the history: per service, per step, what the counters add. */
export interface SloHistory {
  /** Epoch ms of the first sample (counters at 0) and of the last (the anchor). */
  start: number;
  anchor: number;
  stepSeconds: number;
  steps: number;
  services: ServiceSteps[];
  windows: TroubleWindow[];
}

/** Defaults: 30 days, one sample a minute. */
export function demoSloHistory(options: {
  anchor: number;
  days?: number;
  stepSeconds?: number;
}): SloHistory {
  const { anchor } = options;
  const days = options.days ?? 30;
  const stepSeconds = options.stepSeconds ?? 60;
  const step = stepSeconds * 1000;
  if (anchor % DAY !== 0 || DAY % step !== 0) {
    throw new Error('the anchor is 00:00 UTC and a step divides a day');
  }
  const start = anchor - days * DAY;
  const steps = (days * DAY) / step;
  const windows = troubleWindows(anchor, days);
  const services = DEMO_SLO_SERVICES.map(service => {
    const ints = () => new Int32Array(steps);
    const out: ServiceSteps = {
      service,
      total: ints(),
      bad: ints(),
      slow: ints(),
      codes: { '200': ints(), '404': ints(), '500': ints(), '503': ints() },
      buckets: { '0.1': ints(), '0.3': ints(), '1': ints(), '+Inf': ints() },
      seconds: new Float64Array(steps),
    };
    const own = windows.filter(w => w.service === service.name);
    const perDay = DAY / step;
    for (let day = 0; day < days; day++) {
      const rng = rngFor(
        `slo:${service.name}:${new Date(start + day * DAY)
          .toISOString()
          .slice(0, 10)}`,
      );
      const round = (_key: string, value: number) => Math.floor(value + rng());
      for (let i = day * perDay; i < (day + 1) * perDay; i++) {
        const t = start + i * step;
        const middle = t + step / 2;
        let errorRatio = service.errorRatio * (0.6 + 0.8 * rng());
        for (const w of own) {
          if (w.start <= middle && middle < w.end) {
            errorRatio = Math.max(errorRatio, w.errorRatio);
          }
        }
        const slowRatio = service.slowRatio
          ? Math.max(
              service.slowRatio * (0.6 + 0.8 * rng()),
              // Requests that fail in trouble were mostly slow first.
              errorRatio > 3 * service.errorRatio ? errorRatio * 1.5 : 0,
            )
          : 0;
        const counts = splitCounts(
          {
            total:
              service.rate *
              stepSeconds *
              dailyTraffic(t) *
              (0.92 + 0.16 * rng()),
            errorRatio,
            slowRatio,
          },
          round,
        );
        out.total[i] = counts.total;
        out.bad[i] = counts.bad;
        out.slow[i] = counts.slow;
        for (const code of ['200', '404', '500', '503'] as const) {
          out.codes[code][i] = counts.codes[code];
        }
        for (const le of ['0.1', '0.3', '1', '+Inf'] as const) {
          out.buckets[le][i] = counts.buckets[le];
        }
        out.seconds[i] = counts.seconds;
      }
    }
    return out;
  });
  return { start, anchor, stepSeconds, steps, services, windows };
}

/**
 * The history as OpenMetrics text, a series at a time (each chunk ends with a newline; the last
 * is `# EOF`): counters from 0 at `start` to their totals at `anchor`, timestamps in seconds.
 */
export function* openMetricsChunks(history: SloHistory): Generator<string> {
  const { start, stepSeconds, steps } = history;
  const job = `job="${DEMO_METRICS_JOB}"`;
  function series(
    name: string,
    labels: string,
    perStep: ArrayLike<number>,
    decimals = 0,
  ) {
    const lines: string[] = new Array(steps + 1);
    let value = 0;
    for (let i = 0; i <= steps; i++) {
      const text = decimals ? value.toFixed(decimals) : String(value);
      lines[i] = `${name}{${labels}} ${text} ${start / 1000 + i * stepSeconds}`;
      if (i < steps) value += perStep[i];
    }
    return `${lines.join('\n')}\n`;
  }
  const http = history.services.filter(s => s.service.kind === 'http');
  const timed = http.filter(s => s.service.slowRatio);
  const queues = history.services.filter(s => s.service.kind === 'queue');

  yield '# TYPE http_requests counter\n# HELP http_requests Requests answered, by service and status code.\n';
  for (const s of http) {
    for (const code of ['200', '404', '500', '503'] as const) {
      const labels = `${job},service="${s.service.name}",code="${code}"`;
      yield series('http_requests_total', labels, s.codes[code]);
    }
  }
  yield '# TYPE http_request_duration_seconds histogram\n# HELP http_request_duration_seconds Time to answer a request, by service.\n';
  for (const s of timed) {
    const labels = `${job},service="${s.service.name}"`;
    for (const le of ['0.1', '0.3', '1', '+Inf'] as const) {
      yield series(
        'http_request_duration_seconds_bucket',
        `${labels},le="${le}"`,
        s.buckets[le],
      );
    }
    yield series('http_request_duration_seconds_count', labels, s.total);
    yield series('http_request_duration_seconds_sum', labels, s.seconds, 3);
  }
  yield '# TYPE messages_processed counter\n# HELP messages_processed Queue messages handled, by service and outcome.\n';
  for (const s of queues) {
    const labels = `${job},service="${s.service.name}"`;
    const ok = s.total.map((total, i) => total - s.bad[i]);
    yield series('messages_processed_total', `${labels},outcome="ok"`, ok);
    yield series(
      'messages_processed_total',
      `${labels},outcome="failed"`,
      s.bad,
    );
  }
  yield '# EOF\n';
}
