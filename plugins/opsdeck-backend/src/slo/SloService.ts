import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntitySloAnswer,
  ScopeSloAnswer,
  SloAnswer,
  SloBudgetState,
  SloGateAnswer,
  budgetGate,
  sloBudgetState,
} from '@opsdeck/backstage-plugin-common';
import {
  OpsDeckSliProvider,
  ProviderHttpError,
} from '@opsdeck/backstage-plugin-node';
import { JsonValue } from '@backstage/types';
import { CallerEntityReader, EntityReader } from '../catalog/readEntity';
import { ScopeQuery, scopeComponents } from '../catalog/scopeComponents';
import { ProviderAnswerCache } from '../oncall/ProviderAnswerCache';
import { ComponentSlos, OpenSloReader } from './OpenSloReader';
import { describe, evaluateSlo, sourceOf } from './evaluateSlo';
import { SloConfig } from './sloConfig';

const MINUTE = 60_000;

/** Runs `work` over `items`, at most `limit` at a time, keeping order. */
export async function mapWithLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

const percent = (share: number) => `${+(share * 100).toFixed(2)} %`;

/**
 * A Component's SLOs and error budgets: the OpenSLO files its annotation names, evaluated by the
 * SLI provider each one's `metricSource.type` names at a fixed evaluation time (the current
 * minute). Answers are cached like on-call answers (single flight per Component, fresh for
 * `opsdeck.slo.cacheTtl`, the last known answer marked stale while a provider is down or slow).
 * Also the CI gate and the team/org view by budget state. Entities are read as the caller.
 *
 * @internal
 */
export class SloService {
  private readonly now: () => number;
  private readonly entities: EntityReader;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      /** Shared reads of entities as the caller; default its own. */
      entities?: EntityReader;
      reader: OpenSloReader;
      providers: () => OpsDeckSliProvider[];
      cache: ProviderAnswerCache;
      config: SloConfig;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
    this.entities = options.entities ?? new CallerEntityReader(options.catalog);
  }

  /** Reads an entity as the caller (remembered for a moment per caller and entity). */
  readEntity(ref: CompoundEntityRef, credentials: BackstageCredentials) {
    return this.entities.read(ref, credentials);
  }

  /** The fixed evaluation time of answers computed now: the start of the current minute. */
  evaluationTime(): number {
    return Math.floor(this.now() / MINUTE) * MINUTE;
  }

  async getEntitySlo(
    ref: CompoundEntityRef,
    options: { credentials: BackstageCredentials },
  ): Promise<EntitySloAnswer> {
    const { entity } = await this.readEntity(ref, options.credentials);
    return this.answerFor(entity);
  }

  /** The SLO answer of an entity already read (as the caller). */
  async answerFor(entity: Entity): Promise<EntitySloAnswer> {
    return (await this.definitionsAndAnswer(entity)).answer;
  }

  /** The entity's definitions and their (cached) answer. */
  async definitionsAndAnswer(
    entity: Entity,
  ): Promise<{ definitions: ComponentSlos; answer: EntitySloAnswer }> {
    const entityRef = stringifyEntityRef(entity);
    const definitions = await this.options.reader.read(entity);
    const at = this.evaluationTime();
    const base = {
      entityRef,
      ...(definitions.annotation !== undefined
        ? { annotation: definitions.annotation }
        : {}),
      problems: definitions.problems,
    };
    if (definitions.slos.length === 0) {
      const now = new Date(this.now()).toISOString();
      return {
        definitions,
        answer: {
          ...base,
          slos: [],
          evaluatedAt: new Date(at).toISOString(),
          asOf: now,
          stale: false,
        },
      };
    }
    let partial: EntitySloAnswer | undefined;
    try {
      const cached = await this.options.cache.get(
        ProviderAnswerCache.key('slo', entityRef, definitions.hash),
        {
          ttlMs: this.options.config.cacheTtlMs,
          load: async () => {
            const { answer, transient } = await this.evaluate(
              base,
              definitions,
              at,
            );
            // A provider that is down must not replace the last known answer: throw, so the
            // cache answers stale, and keep this one for when nothing is known yet.
            if (transient) {
              partial = answer;
              throw transient;
            }
            return answer as unknown as JsonValue;
          },
        },
      );
      const value = cached.value as unknown as EntitySloAnswer;
      return {
        definitions,
        answer: {
          ...value,
          asOf: new Date(cached.asOf).toISOString(),
          stale: cached.stale,
        },
      };
    } catch (error) {
      if (!(error instanceof ProviderHttpError)) throw error;
      // Nothing known yet: every SLO says why it has no numbers.
      const answer = partial ?? {
        ...base,
        slos: definitions.slos.map(
          ({ slo, file }): SloAnswer => ({
            ...describe(slo, file),
            provider: sourceOf(slo),
            objectives: [],
            error: { reason: 'provider-error', message: error.message },
          }),
        ),
        evaluatedAt: new Date(at).toISOString(),
        asOf: new Date(this.now()).toISOString(),
        stale: false,
      };
      return { definitions, answer };
    }
  }

  /** Each SLO evaluated; a transient provider failure is reported beside the answer. */
  private async evaluate(
    base: Pick<EntitySloAnswer, 'entityRef' | 'annotation' | 'problems'>,
    definitions: ComponentSlos,
    at: number,
  ): Promise<{ answer: EntitySloAnswer; transient?: ProviderHttpError }> {
    let transient: ProviderHttpError | undefined;
    const slos = await Promise.all(
      definitions.slos.map(async ({ slo, file }): Promise<SloAnswer> => {
        const source = sourceOf(slo);
        const failed = (
          reason: 'no-provider' | 'provider-error',
          message: string,
        ): SloAnswer => ({
          ...describe(slo, file),
          provider: source,
          objectives: [],
          error: { reason, message },
        });
        const provider = this.providerFor(source.type);
        if (typeof provider === 'string') {
          return failed('no-provider', provider);
        }
        try {
          return await evaluateSlo({
            slo,
            file,
            provider,
            at,
            rules: this.options.config.rules,
          });
        } catch (error) {
          if (error instanceof ProviderHttpError && error.transient) {
            transient = error;
          }
          return failed(
            'provider-error',
            error instanceof Error ? error.message : String(error),
          );
        }
      }),
    );
    return {
      answer: {
        ...base,
        slos,
        evaluatedAt: new Date(at).toISOString(),
        asOf: new Date(this.now()).toISOString(),
        stale: false,
      },
      transient,
    };
  }

  /** The provider for a `metricSource.type`, or why there is none. */
  providerFor(type: string): OpsDeckSliProvider | string {
    const providers = this.options.providers();
    const provider = providers.find(p => p.id === type);
    if (!provider) {
      return `No SLI provider answers metricSource type '${type}' (installed: ${
        providers.map(p => p.id).join(', ') || 'none'
      })`;
    }
    if (provider.instances().length === 0) {
      return `${
        provider.title ?? provider.id
      } is not configured: add opsdeck.slo.providers.${provider.id}`;
    }
    return provider;
  }

  /**
   * The error-budget policy as a gate: `wait` when an objective's budget is at or below the
   * policy's floor, `go` otherwise, `unknown` when no objective has data.
   */
  async getGate(
    ref: CompoundEntityRef,
    options: { credentials: BackstageCredentials },
  ): Promise<SloGateAnswer> {
    const answer = await this.getEntitySlo(ref, options);
    const { policy } = this.options.config;
    const reasons: string[] = [];
    let decision: SloGateAnswer['decision'] = 'unknown';
    const objectives = answer.slos.flatMap(slo =>
      slo.objectives.map(o => ({ slo, o })),
    );
    const waits = objectives.filter(
      ({ o }) =>
        budgetGate(o.budget, { waitAtOrBelow: policy.waitAtOrBelow }) ===
        'wait',
    );
    const measured = objectives.filter(({ o }) => o.budget);
    const name = (slo: SloAnswer, objective: { displayName: string }) =>
      `${slo.displayName ?? slo.name} (${objective.displayName})`;
    if (waits.length > 0) {
      decision = 'wait';
      for (const { slo, o } of waits) {
        reasons.push(
          `${name(slo, o)}: ${percent(o.budget!.consumed)} of the ${
            slo.window
          } error budget is spent (${percent(o.budget!.remaining)} remaining)`,
        );
      }
    } else if (measured.length > 0) {
      decision = 'go';
      for (const { slo, o } of measured) {
        reasons.push(
          `${name(slo, o)}: ${percent(o.budget!.remaining)} of the ${
            slo.window
          } error budget remaining`,
        );
      }
    }
    for (const { slo, o } of objectives.filter(each => !each.o.budget)) {
      reasons.push(`${name(slo, o)}: no data over ${slo.window}`);
    }
    for (const slo of answer.slos.filter(s => s.error)) {
      reasons.push(`${slo.displayName ?? slo.name}: ${slo.error!.message}`);
    }
    for (const problem of answer.problems) {
      reasons.push(`${problem.file}: ${problem.error}`);
    }
    if (answer.annotation === undefined) {
      reasons.push(
        `${answer.entityRef} has no opsdeck.io/openslo annotation: no SLO to gate on`,
      );
    }
    return {
      entityRef: answer.entityRef,
      decision,
      proceed:
        decision === 'go' ||
        (decision === 'unknown' && policy.proceedWhenUnknown),
      reasons,
      evaluatedAt: answer.evaluatedAt,
      stale: answer.stale,
    };
  }

  /** A team's or the organisation's services by budget state. */
  async getScopeSlo(
    query: ScopeQuery,
    credentials: BackstageCredentials,
  ): Promise<ScopeSloAnswer> {
    const { components } = await scopeComponents(
      this.options.catalog,
      query,
      credentials,
    );
    const counts: Record<SloBudgetState, number> = {
      exhausted: 0,
      burning: 0,
      healthy: 0,
      'no-data': 0,
      'no-slo': 0,
    };
    let stale = false;
    const items = await mapWithLimit(components, 4, async entity => {
      const answer = await this.answerFor(entity);
      stale ||= answer.stale;
      const state = sloBudgetState(answer);
      counts[state]++;
      const worst = answer.slos
        .flatMap(slo => slo.objectives.map(o => ({ slo, o })))
        .sort(
          (a, b) =>
            (a.o.budget?.remaining ?? Infinity) -
            (b.o.budget?.remaining ?? Infinity),
        )[0];
      return {
        entityRef: answer.entityRef,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        state,
        ...(worst
          ? {
              worst: {
                slo: worst.slo.displayName ?? worst.slo.name,
                objective: worst.o.displayName,
                remaining: worst.o.budget?.remaining ?? null,
                status: worst.o.status,
              },
            }
          : {}),
      };
    });
    return { items, counts, stale };
  }

  /** The SLO and objective a history request names (default: the first of each). */
  pick(definitions: ComponentSlos, slo?: string, objective?: string) {
    const found = slo
      ? definitions.slos.find(s => s.slo.name === slo)
      : definitions.slos[0];
    if (!found) {
      if (slo) {
        throw new NotFoundError(
          `slo: no SLO named '${slo}' (this Component has ${
            definitions.slos.map(s => s.slo.name).join(', ') || 'none'
          })`,
        );
      }
      throw new NotFoundError('This Component has no SLO to chart');
    }
    const index = objective === undefined ? 0 : Number.parseInt(objective, 10);
    if (
      !Number.isInteger(index) ||
      index < 0 ||
      index >= found.slo.objectives.length
    ) {
      throw new InputError(
        `objective: the objective's index, 0 to ${
          found.slo.objectives.length - 1
        }`,
      );
    }
    return { ...found, index, objective: found.slo.objectives[index] };
  }
}
