import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BenchmarkSet,
  DoraMetrics,
  DoraWindow,
  EntityDora,
  metricsFromTotals,
  previousWindow,
  totalsOfFacts,
} from '@opsdeck/backstage-plugin-common';
import { doraAnswer } from './doraAnswer';
import { readEntityAsCaller } from '../catalog/readEntity';
import { resolveWindowQuery } from './windowQuery';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { DatabaseEventStore } from '../store/DatabaseEventStore';
import { DatabaseDoraQueries } from '../store/DatabaseDoraQueries';

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

  /** Id of the benchmark set the answers tier with. */
  get benchmarkId(): string {
    return this.options.benchmark.id;
  }

  /**
   * One entity's metrics for one window, without the previous window or the weeks (a row of a
   * team's or the org's service table). The caller has already read the entity as the user.
   */
  async windowMetrics(
    entityRef: string,
    window: DoraWindow,
  ): Promise<DoraMetrics> {
    const { rows } = await this.readFacts(entityRef, window);
    return metricsFromTotals(totalsOfFacts(rows, window), {
      window,
      benchmark: this.options.benchmark,
    });
  }

  /** The entity's service identities and their facts in `[from, to)`, facts brought up to date first. */
  private async readFacts(entityRef: string, window: DoraWindow) {
    const { index, facts, queries } = this.options;
    const services = await index.identitiesOf(entityRef);
    await facts.refreshPendingFacts(services);
    return { services, rows: await queries.readWindowFacts(services, window) };
  }

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
    const { catalog, benchmark } = this.options;
    // The entity is read with the caller's credentials while its rows are read: a missing or
    // hidden entity still answers 404, and nothing read is returned before that check.
    // One read serves the window, its weeks and the previous window.
    const read = (candidate: string) =>
      this.readFacts(candidate, {
        from: previousWindow(window).from,
        to: window.to,
      });
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
