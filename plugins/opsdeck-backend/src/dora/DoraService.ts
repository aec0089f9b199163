import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BenchmarkSet,
  DoraMetrics,
  aggregateDoraMetrics,
  isoWeekBuckets,
  previousWindow,
  resolveDoraWindow,
} from '@opsdeck/backstage-plugin-common';
import { readEntityAsCaller } from '../catalog/readEntity';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { DatabaseDoraQueries } from '../store/DatabaseDoraQueries';

/** Longest window a caller may ask for. */
const MAX_WINDOW_DAYS = 731;

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/dora`.
 *
 * @internal
 */
export interface EntityDora {
  entityRef: string;
  /** Service identities whose events count for the entity (its ref and mapped annotations). */
  services: string[];
  current: DoraMetrics;
  previous: DoraMetrics;
  weekly: Array<{ weekStart: number; metrics: DoraMetrics }>;
}

function parseInstant(
  value: string | undefined,
  field: string,
): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) {
    throw new InputError(
      `${field}: must be an ISO 8601 date (2026-01-05) or date-time, or epoch ms`,
    );
  }
  return t;
}

/**
 * DORA for one entity: reads only the window's rows (and the previous window's), through the
 * (service, time) indexes, and aggregates their stored facts.
 *
 * @internal
 */
export class DoraService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      queries: DatabaseDoraQueries;
      index: DatabaseEntityIndexStore;
      benchmark: BenchmarkSet;
    },
  ) {}

  async getEntityDora(
    ref: CompoundEntityRef,
    query: {
      from?: string;
      to?: string;
      credentials: BackstageCredentials;
      now?: number;
    },
  ): Promise<EntityDora> {
    const window = resolveDoraWindowOrThrow(query);
    const { entityRef } = await readEntityAsCaller(
      this.options.catalog,
      ref,
      query.credentials,
    );
    const services = await this.options.index.identitiesOf(entityRef);
    const benchmark = this.options.benchmark;
    const facts = await this.options.queries.readWindowFacts(services, window);
    const before = previousWindow(window);
    const previousFacts = await this.options.queries.readWindowFacts(
      services,
      before,
    );
    return {
      entityRef,
      services,
      current: aggregateDoraMetrics(facts, { window, benchmark }),
      previous: aggregateDoraMetrics(previousFacts, {
        window: before,
        benchmark,
      }),
      weekly: isoWeekBuckets(window).map(bucket => ({
        weekStart: bucket.weekStart,
        metrics: aggregateDoraMetrics(facts, { window: bucket, benchmark }),
      })),
    };
  }
}

function resolveDoraWindowOrThrow(query: {
  from?: string;
  to?: string;
  now?: number;
}) {
  const from = parseInstant(query.from, 'from');
  const to = parseInstant(query.to, 'to');
  let window;
  try {
    window = resolveDoraWindow({ now: query.now ?? Date.now(), from, to });
  } catch (error) {
    throw new InputError(`from, to: ${(error as Error).message}`);
  }
  if (window.days > MAX_WINDOW_DAYS) {
    throw new InputError(
      `from, to: a window spans at most ${MAX_WINDOW_DAYS} days`,
    );
  }
  return window;
}
