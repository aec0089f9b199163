import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { BenchmarkSet, totalsOfFacts } from '@opsdeck/backstage-plugin-common';
import { DoraAnswer, doraAnswer } from './doraAnswer';
import { readEntityAsCaller } from '../catalog/readEntity';
import { resolveWindowQuery } from './windowQuery';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { DatabaseDoraQueries } from '../store/DatabaseDoraQueries';

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/dora`.
 *
 * @internal
 */
export interface EntityDora extends DoraAnswer {
  entityRef: string;
  /** Service identities whose events count for the entity (its ref and mapped annotations). */
  services: string[];
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
    const { queries, benchmark } = this.options;
    const answer = await doraAnswer(window, benchmark, async windows => {
      // The window's rows serve the window and its weeks; the previous window reads its own.
      const [current, previous] = await Promise.all(
        windows.slice(0, 2).map(w => queries.readWindowFacts(services, w)),
      );
      return windows.map((w, i) =>
        totalsOfFacts(i === 1 ? previous : current, w),
      );
    });
    return { entityRef, services, ...answer };
  }
}
