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
  DerivationState,
} from '@opsdeck/backstage-plugin-common';
import { doraAnswer } from './doraAnswer';
import { readEntityAsCaller } from '../catalog/readEntity';
import { resolveWindowQuery } from './windowQuery';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { FactsStore } from '../store/FactsStore';

/**
 * DORA for one Component: reads only its facts in the window (and the previous window), through
 * the (component, time) indexes. Reads never write: the answer says how far derivation has come.
 *
 * @internal
 */
export class DoraService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      facts: FactsStore;
      index: DatabaseEntityIndexStore;
      /** How far derivation has come. */
      derivation: { state(): Promise<DerivationState> };
      benchmark: BenchmarkSet;
    },
  ) {}

  /** Id of the benchmark set the answers tier with. */
  get benchmarkId(): string {
    return this.options.benchmark.id;
  }

  /**
   * Several entities' metrics for one window, without the previous window or the weeks, read
   * together (the rows of a team's or the org's service table). The caller has already read the
   * entities as the user.
   */
  async windowMetricsOf(
    entityRefs: readonly string[],
    window: DoraWindow,
  ): Promise<Map<string, DoraMetrics>> {
    const facts = await this.options.facts.readManyWindowFacts(
      entityRefs,
      window,
    );
    return new Map(
      entityRefs.map(ref => [
        ref,
        metricsFromTotals(
          totalsOfFacts(
            facts.get(ref) ?? { deployments: [], incidents: [] },
            window,
          ),
          { window, benchmark: this.options.benchmark },
        ),
      ]),
    );
  }

  /** How far derivation has come (for answers built on facts). */
  derivationState(): Promise<DerivationState> {
    return this.options.derivation.state();
  }

  /** The entity's service identities and its facts in `[from, to)`. */
  private async readFacts(entityRef: string, window: DoraWindow) {
    const { index, facts } = this.options;
    const [services, rows] = await Promise.all([
      index.identitiesOf(entityRef),
      facts.readWindowFacts(entityRef, window),
    ]);
    return { services, rows };
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
    return {
      entityRef,
      services,
      ...answer,
      ...(await this.derivationState()),
    };
  }
}
