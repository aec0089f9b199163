import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BenchmarkSet,
  DoraAnswer,
  DoraMetrics,
  DoraWindow,
  EntityDora,
  metricsFromTotals,
  totalsOfFacts,
  DerivationState,
} from '@opsdeck/backstage-plugin-common';
import { createHash } from 'node:crypto';
import { GenerationMemo } from '../ttlMemo';
import { doraAnswer } from './doraAnswer';
import { EntityReader, entityReader } from '../catalog/readEntity';
import { resolveWindowQuery } from './windowQuery';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { FactsStore } from '../store/FactsStore';
import { serviceScope } from '../derive/RollupDeriver';
import { RollupAnswers } from './RollupAnswers';

type FirstEvent = { firstEventAt: number | null };

/**
 * DORA for one Component: from its daily rollups — the days of the window and the previous
 * window, however long its history —, or, when it shares an identity with another entity (those
 * records sit in rollups of their own), from its facts in those windows through the
 * (component, time) indexes. Reads never write: the answer says how far derivation has come.
 *
 * @internal
 */
export class DoraService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      /** Shared reads of entities as the caller; default a catalog read each time. */
      entities?: EntityReader;
      facts: FactsStore;
      answers: RollupAnswers;
      index: DatabaseEntityIndexStore;
      /** How far derivation has come. */
      derivation: { state(): Promise<DerivationState> };
      benchmark: BenchmarkSet;
    },
  ) {}

  /** Service tables' metrics by generation, window and entities (the org's 500: about 1 MB). */
  private readonly tables = new GenerationMemo<Map<string, DoraMetrics>>({
    ttlMs: 10 * 60_000,
    maxEntries: 20,
  });

  /** Id of the benchmark set the answers tier with. */
  get benchmarkId(): string {
    return this.options.benchmark.id;
  }

  /**
   * Several entities' metrics for one window, without the previous window or the weeks, read
   * together (the rows of a team's or the org's service table). The caller has already read the
   * entities as the user. Remembered until the rollups change: every change of facts is followed
   * by the rollup write that changes the generation, which is read before the facts.
   */
  async windowMetricsOf(
    entityRefs: readonly string[],
    window: DoraWindow,
  ): Promise<Map<string, DoraMetrics>> {
    const generation = await this.options.answers.generation();
    const refs = createHash('sha256')
      .update(entityRefs.join('\u0000'))
      .digest('base64');
    return this.tables.get(
      generation,
      `${window.from}\u0000${window.to}\u0000${refs}`,
      async () => {
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
      },
    );
  }

  /** How far derivation has come (for answers built on facts). */
  derivationState(): Promise<DerivationState> {
    return this.options.derivation.state();
  }

  /**
   * The entity's service identities and its answer for the window: from its rollups (remembered
   * until they change), or from its facts when it shares an identity.
   */
  private async answerOf(
    entityRef: string,
    window: DoraWindow,
  ): Promise<{ services: string[]; answer: DoraAnswer & FirstEvent }> {
    const { index, facts, answers, benchmark } = this.options;
    const [services, shared] = await Promise.all([
      index.identitiesOf(entityRef),
      index.sharesIdentity(entityRef),
    ]);
    if (!shared) {
      const { answer, firstEventAt } = await answers.answer(
        serviceScope(entityRef),
        window,
      );
      return { services, answer: { ...answer, firstEventAt } };
    }
    // One read serves the window, its weeks and the previous window.
    const [answer, firstEventAt] = await Promise.all([
      doraAnswer(window, benchmark, async windows => {
        const rows = await facts.readWindowFacts(entityRef, {
          from: Math.min(...windows.map(w => w.from)),
          to: Math.max(...windows.map(w => w.to)),
        });
        return windows.map(w => totalsOfFacts(rows, w));
      }),
      facts.firstEventAt(entityRef),
    ]);
    return { services, answer: { ...answer, firstEventAt } };
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
    // The entity is read with the caller's credentials while its rows are read: a missing or
    // hidden entity still answers 404, and nothing read is returned before that check. How far
    // derivation has come is read before the rows: an answer never claims more than it holds.
    const guessed = stringifyEntityRef(ref);
    const [{ entityRef }, { state, ...first }] = await Promise.all([
      entityReader(this.options).read(ref, query.credentials),
      this.derivationState().then(async read => ({
        state: read,
        ...(await this.answerOf(guessed, window)),
      })),
    ]);
    // The catalog matches names case-insensitively; read again under its spelling if it differs.
    const { services, answer } =
      entityRef === guessed ? first : await this.answerOf(entityRef, window);
    return {
      entityRef,
      services,
      ...answer,
      ...state,
    };
  }
}
