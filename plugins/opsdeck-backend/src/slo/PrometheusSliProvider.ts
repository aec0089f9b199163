import { ServiceUnavailableError } from '@backstage/errors';
import { SloCounts, SloMetricSource } from '@opsdeck/backstage-plugin-common';

/** A Prometheus HTTP API answer of an instant query. */
interface InstantQueryAnswer {
  status: 'success' | 'error';
  data?: { resultType: string; result: Array<{ value: [number, string] }> };
  error?: string;
}

/**
 * SLI counts from a Prometheus-compatible HTTP API (Prometheus, Mimir, Thanos, VictoriaMetrics):
 * each counter selector is read as `sum(increase(<query>[<window>s]))` at a fixed evaluation time, so
 * the same question always gets the same answer. Every count carries the query that produced it.
 *
 * @internal
 */
export class PrometheusSliProvider {
  constructor(
    private readonly options: {
      baseUrl: string;
      /** `Bearer <token>` or `Basic <base64>`, from config. */
      authorization?: string;
      fetch?: typeof fetch;
    },
  ) {}

  /** The PromQL OpsDeck evaluates for a counter selector over a window. */
  static increaseQuery(query: string, windowMs: number): string {
    return `sum(increase(${query}[${Math.round(windowMs / 1000)}s]))`;
  }

  /**
   * Good and total over `[at − windowMs, at]`; total 0 when the counters have no samples there
   * (the caller reads that as "no data", never as 0 %).
   */
  async counts(
    sli: {
      numerator: SloMetricSource;
      total: SloMetricSource;
      count: 'good' | 'bad';
    },
    windowMs: number,
    at: number,
  ): Promise<SloCounts & { queries: { numerator: string; total: string } }> {
    const queries = {
      numerator: PrometheusSliProvider.increaseQuery(
        sli.numerator.query,
        windowMs,
      ),
      total: PrometheusSliProvider.increaseQuery(sli.total.query, windowMs),
    };
    const [numerator, total] = await Promise.all([
      this.scalar(queries.numerator, at),
      this.scalar(queries.total, at),
    ]);
    const good = sli.count === 'good' ? numerator : total - numerator;
    return { good, total, queries };
  }

  /** An instant query's single value at `at` (epoch ms); 0 when it returns no series. */
  private async scalar(query: string, at: number): Promise<number> {
    const url = new URL(
      'api/v1/query',
      `${this.options.baseUrl.replace(/\/?$/, '/')}`,
    );
    url.searchParams.set('query', query);
    url.searchParams.set('time', (at / 1000).toFixed(3));
    const res = await (this.options.fetch ?? fetch)(url, {
      headers: this.options.authorization
        ? { Authorization: this.options.authorization }
        : {},
    });
    const body = (await res.json().catch(() => undefined)) as
      | InstantQueryAnswer
      | undefined;
    if (!res.ok || body?.status !== 'success' || !body.data) {
      throw new ServiceUnavailableError(
        `Prometheus answered ${res.status} to ${query}: ${
          body?.error ?? 'no answer'
        }`,
      );
    }
    const [series] = body.data.result;
    return series ? Number(series.value[1]) : 0;
  }
}
