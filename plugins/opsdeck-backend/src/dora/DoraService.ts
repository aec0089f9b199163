import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BenchmarkSet,
  previousWindow,
  totalsOfFacts,
} from '@opsdeck/backstage-plugin-common';
import { DoraAnswer, doraAnswer } from './doraAnswer';
import { readEntityAsCaller } from '../catalog/readEntity';
import { resolveWindowQuery } from './windowQuery';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { DatabaseEventStore } from '../store/DatabaseEventStore';
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
      /** Brings the entity's facts up to date with what was ingested (read-your-writes). */
      facts: Pick<DatabaseEventStore, 'refreshPendingFacts'>;
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
    const { catalog, index, facts, queries, benchmark } = this.options;
    // The entity is read with the caller's credentials while its rows are read: a missing or
    // hidden entity still answers 404, and nothing read is returned before that check.
    const read = async (candidate: string) => {
      const services = await index.identitiesOf(candidate);
      await facts.refreshPendingFacts(services);
      const previous = previousWindow(window);
      // One read serves the window, its weeks and the previous window.
      const rows = await queries.readWindowFacts(services, {
        from: previous.from,
        to: window.to,
      });
      return { services, rows };
    };
    const guessed = stringifyEntityRef(ref);
    const [{ entityRef }, first] = await Promise.all([
      readEntityAsCaller(catalog, ref, query.credentials),
      read(guessed),
    ]);
    // The catalog matches names case-insensitively; read again under its spelling if it differs.
    const { services, rows } =
      entityRef === guessed ? first : await read(entityRef);
    const answer = await doraAnswer(window, benchmark, async windows =>
      windows.map(w => totalsOfFacts(rows, w)),
    );
    return { entityRef, services, ...answer };
  }
}
