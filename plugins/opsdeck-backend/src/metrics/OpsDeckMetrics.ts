import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import express from 'express';

/** What the derivation gauges read when metrics are collected. */
export interface DerivationLag {
  pendingEvents: number;
  lagSeconds: number;
  queued: number;
  setAside: number;
}

/**
 * OpsDeck's own metrics, through Backstage's metrics service (OpenTelemetry): how far behind
 * derivation is, what was set aside or quarantined, how ingest requests end, and how often
 * on-call providers fail. Names and attributes are listed in the README.
 *
 * @internal
 */
export class OpsDeckMetrics {
  private readonly requests;
  private readonly providerErrors;
  private readonly passes;

  constructor(private readonly metrics: MetricsService) {
    this.requests = metrics.createCounter<{
      route: string;
      status: number;
    }>('opsdeck.ingest.requests', {
      description:
        'Requests to POST /events and /webhooks/{source}, by route (events, or the webhook source) and HTTP status',
    });
    this.providerErrors = metrics.createCounter<{ provider: string }>(
      'opsdeck.oncall.provider.errors',
      {
        description:
          'Failed calls to an on-call provider (answers then come from the cache, marked stale, or say the provider failed)',
      },
    );
    this.passes = metrics.createHistogram('opsdeck.derivation.duration', {
      description: 'Duration of each derivation pass (facts, then rollups)',
      unit: 's',
    });
  }

  /** Counts each request to the ingest routes by how it ended (mount before them). */
  ingestRequests(): express.RequestHandler {
    return (req, res, next) => {
      res.on('finish', () => {
        const [, first, second] = req.path.split('/');
        this.requests.add(1, {
          route: first === 'webhooks' ? second ?? 'webhooks' : first,
          status: res.statusCode,
        });
      });
      next();
    };
  }

  providerError(provider: string): void {
    this.providerErrors.add(1, { provider });
  }

  derivationPass(seconds: number): void {
    this.passes.record(seconds);
  }

  /** Gauges read from the database when metrics are collected. */
  observe(options: {
    derivation: () => Promise<DerivationLag>;
    deliveries: () => Promise<Record<string, number>>;
  }): void {
    const { metrics } = this;
    const gauge = (name: string, description: string, unit?: string) =>
      metrics.createObservableGauge(name, { description, unit });
    const pending = gauge(
      'opsdeck.derivation.pending_events',
      'Events stored but not yet in the derived facts and rollups',
    );
    const lag = gauge(
      'opsdeck.derivation.lag',
      'How long the oldest event not yet derived has waited (0 when none waits)',
      's',
    );
    const queued = gauge(
      'opsdeck.derivation.queued',
      'Derivation work queued (Components and Component-days)',
    );
    const setAside = gauge(
      'opsdeck.derivation.set_aside',
      'Derivation work set aside after its last try (GET /admin/set-aside lists it)',
    );
    const deliveries = gauge(
      'opsdeck.deliveries',
      'Raw deliveries kept, by status (pending, processed, quarantined, failed)',
    );
    // The gauges of one collection share one read.
    const derivation = sharedFor(1_000, options.derivation);
    pending.addCallback(async r =>
      r.observe((await derivation()).pendingEvents),
    );
    lag.addCallback(async r => r.observe((await derivation()).lagSeconds));
    queued.addCallback(async r => r.observe((await derivation()).queued));
    setAside.addCallback(async r => r.observe((await derivation()).setAside));
    deliveries.addCallback(async r => {
      for (const [status, n] of Object.entries(await options.deliveries()))
        r.observe(n, { status });
    });
  }
}

/** The same answer for calls within `ms` of the one that asked first. */
function sharedFor<T>(ms: number, read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > ms) last = { at: now, value: read() };
    return last.value;
  };
}
