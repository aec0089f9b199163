import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BenchmarkSet,
  DoraMetrics,
  aggregateDoraMetrics,
  isoWeekBuckets,
  previousWindow,
} from '@opsdeck/backstage-plugin-common';
import { readEntityAsCaller } from '../catalog/readEntity';
import { resolveWindowQuery } from './windowQuery';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { DatabaseDoraQueries } from '../store/DatabaseDoraQueries';

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
    const window = resolveWindowQuery(query);
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
