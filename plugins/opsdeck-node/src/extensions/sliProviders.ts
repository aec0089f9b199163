import { createExtensionPoint } from '@backstage/backend-plugin-api';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- referenced by TSDoc
import type { ProviderHttpError } from '../providers/providerHttp';

/**
 * A counter query as an OpenSLO `metricSource` names it.
 *
 * @public
 */
export interface OpsDeckSliQuery {
  /** The provider's query (Prometheus: a counter selector such as `http_requests_total{job="api"}`). */
  query: string;
  /** `metricSourceRef`: which configured instance answers; undefined for the default one. */
  instance?: string;
}

/**
 * A counted value and the query that produced it.
 *
 * @public
 */
export interface OpsDeckSliValue {
  /** The counters' increase; 0 when they have no samples in the span. */
  value: number;
  /** The query the provider evaluated, shown next to the number. */
  query: string;
}

/**
 * A source of SLI data (Prometheus, or anything that can count), added by a module and chosen by
 * the OpenSLO `metricSource.type` it answers to. Calls may throw; a transient
 * {@link ProviderHttpError} lets OpsDeck answer from the last-known value, marked stale.
 *
 * @public
 */
export interface OpsDeckSliProvider {
  /** Lower-case `metricSource.type` it answers, e.g. `prometheus`; unique across modules. */
  id: string;
  /** Display name, e.g. `Prometheus`. */
  title?: string;
  /** The names of its configured instances, the first being the default. */
  instances(): string[];
  /** How much the counters grew over `[at − spanMs, at]` (epoch ms). */
  increase(options: {
    sli: OpsDeckSliQuery;
    spanMs: number;
    at: number;
  }): Promise<OpsDeckSliValue>;
  /**
   * The counters' growth in each step `(t − stepMs, t]` for t = from + stepMs, …, ≤ to: the
   * shape of a budget chart. Optional; without it the chart says the provider cannot draw one.
   */
  increaseSteps?(options: {
    sli: OpsDeckSliQuery;
    from: number;
    to: number;
    stepMs: number;
  }): Promise<{ points: Array<{ at: number; value: number }>; query: string }>;
  /**
   * For threshold SLIs: how many time slices of `sliceMs` in `[at − spanMs, at]` had the metric
   * `op value` (good) out of all slices with a value (total). Optional; without it threshold
   * SLIs of this provider say they cannot be evaluated.
   */
  timeslices?(options: {
    sli: OpsDeckSliQuery;
    op: 'lt' | 'lte' | 'gt' | 'gte';
    value: number;
    spanMs: number;
    sliceMs: number;
    at: number;
  }): Promise<{ good: number; total: number; queries: string[] }>;
  /** A link to the provider's own graph of a query (http(s) only), when it has a UI. */
  graphUrl?(options: {
    sli: OpsDeckSliQuery;
    spanMs: number;
    at: number;
  }): string | undefined;
}

/**
 * Lets backend modules add SLI providers to OpsDeck.
 *
 * @public
 */
export interface OpsDeckSliProvidersExtensionPoint {
  /** Adds providers; ids must be unique across all modules. */
  addSliProvider(...providers: OpsDeckSliProvider[]): void;
}

/**
 * The extension point for SLI providers.
 *
 * @public
 */
export const opsdeckSliProvidersExtensionPoint =
  createExtensionPoint<OpsDeckSliProvidersExtensionPoint>({
    id: 'opsdeck.sli-providers',
  });
