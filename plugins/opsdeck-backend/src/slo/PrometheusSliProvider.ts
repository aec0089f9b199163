import { InputError } from '@backstage/errors';
import {
  OpsDeckSliProvider,
  OpsDeckSliQuery,
  OpsDeckSliValue,
  ProviderHttpClient,
  ProviderHttpError,
  createProviderHttpClient,
} from '@opsdeck/backstage-plugin-node';

/** One configured Prometheus-compatible endpoint. */
export interface PrometheusInstance {
  /** The name OpenSLO's `metricSourceRef` uses. */
  name: string;
  /** e.g. `http://prometheus:9090` or Mimir's `…/prometheus`. */
  baseUrl: string;
  /** `Bearer <token>` or `Basic <base64>`, from config. */
  authorization?: string;
}

/** Epoch ms as the Prometheus HTTP API's seconds. */
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** A Prometheus HTTP API answer. */
interface QueryAnswer {
  status: 'success' | 'error';
  data?: {
    resultType: string;
    result: Array<{
      value?: [number, string];
      values?: Array<[number, string]>;
    }>;
  };
  error?: string;
}

/**
 * SLI counts from Prometheus-compatible HTTP APIs (Prometheus, Mimir, Thanos, VictoriaMetrics),
 * several named instances: each counter selector is read as `sum(increase(<query>[<span>s]))` at
 * a fixed evaluation time (`/api/v1/query`), so the same question always gets the same answer;
 * chart steps come from `/api/v1/query_range`. Calls go through the provider HTTP client
 * (timeouts, retries, circuit breaker).
 *
 * @internal
 */
export class PrometheusSliProvider implements OpsDeckSliProvider {
  readonly id = 'prometheus';
  readonly title = 'Prometheus';
  private readonly clients = new Map<string, ProviderHttpClient>();

  constructor(
    private readonly list: PrometheusInstance[],
    options: { fetch?: typeof fetch } = {},
  ) {
    for (const instance of list) {
      this.clients.set(
        instance.name,
        createProviderHttpClient({
          provider: `Prometheus '${instance.name}'`,
          baseUrl: instance.baseUrl.replace(/\/+$/, ''),
          authorization: async () => instance.authorization ?? '',
          // An SLO answer asks a dozen queries at once: fail fast and let the cache answer.
          timeoutMs: 5_000,
          deadlineMs: 8_000,
          maxAttempts: 2,
          fetch: options.fetch,
        }),
      );
    }
  }

  /** The PromQL OpsDeck evaluates for a counter selector over a span. */
  static increaseQuery(query: string, spanMs: number): string {
    return `sum(increase(${query}[${Math.round(spanMs / 1000)}s]))`;
  }

  instances(): string[] {
    return this.list.map(i => i.name);
  }

  async increase(options: {
    sli: OpsDeckSliQuery;
    spanMs: number;
    at: number;
  }): Promise<OpsDeckSliValue> {
    const query = PrometheusSliProvider.increaseQuery(
      options.sli.query,
      options.spanMs,
    );
    return {
      value: await this.instant(options.sli, query, options.at),
      query,
    };
  }

  async increaseSteps(options: {
    sli: OpsDeckSliQuery;
    from: number;
    to: number;
    stepMs: number;
  }): Promise<{ points: Array<{ at: number; value: number }>; query: string }> {
    const query = PrometheusSliProvider.increaseQuery(
      options.sli.query,
      options.stepMs,
    );
    const answer = await this.ask(options.sli, '/api/v1/query_range', {
      query,
      start: seconds(options.from + options.stepMs),
      end: seconds(options.to),
      step: `${Math.round(options.stepMs / 1000)}s`,
    });
    const [series] = answer.result;
    return {
      points: (series?.values ?? []).map(([t, v]) => ({
        at: Math.round(t * 1000),
        value: Number(v),
      })),
      query,
    };
  }

  async timeslices(options: {
    sli: OpsDeckSliQuery;
    op: 'lt' | 'lte' | 'gt' | 'gte';
    value: number;
    spanMs: number;
    sliceMs: number;
    at: number;
  }): Promise<{ good: number; total: number; queries: string[] }> {
    const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[options.op];
    const range = `[${Math.round(options.spanMs / 1000)}s:${Math.round(
      options.sliceMs / 1000,
    )}s]`;
    const queries = [
      `sum(sum_over_time((${options.sli.query} ${op} bool ${options.value})${range}))`,
      `sum(count_over_time((${options.sli.query})${range}))`,
    ];
    const [good, total] = await Promise.all(
      queries.map(query => this.instant(options.sli, query, options.at)),
    );
    return { good, total, queries };
  }

  graphUrl(options: {
    sli: OpsDeckSliQuery;
    spanMs: number;
    at: number;
  }): string | undefined {
    const instance = this.instanceOf(options.sli);
    if (!/^https?:\/\//i.test(instance.baseUrl)) return undefined;
    const url = new URL(`${instance.baseUrl.replace(/\/+$/, '')}/graph`);
    url.searchParams.set('g0.expr', options.sli.query);
    url.searchParams.set('g0.tab', '0');
    url.searchParams.set(
      'g0.range_input',
      `${Math.max(1, Math.round(options.spanMs / 3_600_000))}h`,
    );
    url.searchParams.set('g0.end_input', new Date(options.at).toISOString());
    return url.toString();
  }

  private instanceOf(sli: OpsDeckSliQuery): PrometheusInstance {
    const instance = sli.instance
      ? this.list.find(i => i.name === sli.instance)
      : this.list[0];
    if (!instance) {
      throw new InputError(
        sli.instance
          ? `metricSourceRef: no Prometheus named '${
              sli.instance
            }' is configured (opsdeck.slo.providers.prometheus has ${
              this.instances().join(', ') || 'none'
            })`
          : 'No Prometheus is configured (opsdeck.slo.providers.prometheus)',
      );
    }
    return instance;
  }

  /** An instant query's single value at `at`; 0 when it returns no series. */
  private async instant(
    sli: OpsDeckSliQuery,
    query: string,
    at: number,
  ): Promise<number> {
    const answer = await this.ask(sli, '/api/v1/query', {
      query,
      time: seconds(at),
    });
    const [series] = answer.result;
    return series?.value ? Number(series.value[1]) : 0;
  }

  private async ask(
    sli: OpsDeckSliQuery,
    path: string,
    query: Record<string, string>,
  ): Promise<NonNullable<QueryAnswer['data']>> {
    const client = this.clients.get(this.instanceOf(sli).name)!;
    const body = await client.getJson<QueryAnswer>(path, query);
    if (body?.status !== 'success' || !body.data) {
      throw new ProviderHttpError(
        `Prometheus could not evaluate ${query.query}: ${
          body?.error ?? 'no data in its answer'
        }`,
        422,
      );
    }
    return body.data;
  }
}
