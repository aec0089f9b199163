import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import {
  SloDeploymentMark,
  SloHistoryAnswer,
  burnRate,
  toSafeHttpUrl,
} from '@opsdeck/backstage-plugin-common';
import { ProviderHttpError } from '@opsdeck/backstage-plugin-node';
import { createHash } from 'node:crypto';
import { ProviderAnswerCache } from '../oncall/ProviderAnswerCache';
import { splitRecordKey } from '../store/rows';
import {
  ProvenanceRecord,
  ProvenanceStore,
} from '../store/DatabaseProvenanceStore';
import { counterOf, sliQueryOf, sourceOf } from './evaluateSlo';
import { SloService, mapWithLimit } from './SloService';

const HOUR = 3_600_000;
/** Points drawn over a window. */
const POINTS = 120;
/** The most recent production deployments whose following hour is measured. */
const MAX_MEASURED_DEPLOYMENTS = 60;

type ProviderPart = Pick<SloHistoryAnswer, 'points' | 'queries' | 'error'> & {
  burns: Record<string, { burn: number | null; spent: number | null }>;
};

/**
 * `GET /entities/…/slo/history`: one objective's budget remaining over its window, beside
 * OpsDeck's own production deployments and incidents of the Component, and which deployments
 * the hour after burned the budget at least `opsdeck.slo.burnAfterDeployment` times the
 * sustainable rate.
 *
 * The curve: the provider's per-step counts give where in the window the bad events fell;
 * scaled so that its last point is the window's consumed budget from the headline query, the
 * chart ends exactly where the SLO card's number is. Provider answers are cached like the card's.
 *
 * @internal
 */
export class SloHistoryService {
  constructor(
    private readonly options: {
      slo: SloService;
      provenance: ProvenanceStore;
      cache: ProviderAnswerCache;
      cacheTtlMs: number;
      /** `opsdeck.dora.productionEnvironments`, as DORA matches them. */
      isProduction: (environment: string) => boolean;
      burnAfterDeployment: number;
    },
  ) {}

  async getHistory(
    ref: CompoundEntityRef,
    query: {
      credentials: BackstageCredentials;
      slo?: string;
      objective?: string;
    },
  ): Promise<SloHistoryAnswer> {
    const { entity, entityRef } = await this.options.slo.readEntity(
      ref,
      query.credentials,
    );
    const { definitions, answer } = await this.options.slo.definitionsAndAnswer(
      entity,
    );
    const picked = this.options.slo.pick(
      definitions,
      query.slo,
      query.objective,
    );
    const { slo, objective } = picked;
    const at = Date.parse(answer.evaluatedAt);
    const from = at - slo.windowMs;
    const records = await this.records(entityRef, from, at);
    const deployments = records
      .filter(
        (r): r is Extract<ProvenanceRecord, { type: 'deployment' }> =>
          r.type === 'deployment' &&
          this.options.isProduction(r.record.environment),
      )
      .sort((a, b) => a.t - b.t);
    const incidents = records
      .filter(
        (r): r is Extract<ProvenanceRecord, { type: 'incident' }> =>
          r.type === 'incident',
      )
      .sort((a, b) => a.t - b.t);
    const headline = answer.slos
      .find(s => s.name === slo.name)
      ?.objectives.find(o => o.displayName === objective.displayName);
    const base = {
      entityRef,
      slo: slo.name,
      objective: objective.displayName,
      target: objective.target,
      window: slo.window,
      evaluatedAt: answer.evaluatedAt,
      burnAfterThreshold: this.options.burnAfterDeployment,
      incidents: incidents.map(i => ({
        id: splitRecordKey(i.record.key).externalId,
        openedAt: new Date(i.record.openedAt).toISOString(),
        ...(i.record.resolvedAt
          ? { resolvedAt: new Date(i.record.resolvedAt).toISOString() }
          : {}),
        ...(i.record.title ? { title: i.record.title } : {}),
        ...(toSafeHttpUrl(i.record.url)
          ? { url: toSafeHttpUrl(i.record.url) }
          : {}),
      })),
    };
    const measured = deployments
      .filter(d => d.t + HOUR <= at)
      .slice(-MAX_MEASURED_DEPLOYMENTS);
    const provider = this.options.slo.providerFor(sourceOf(slo).type);
    let part: ProviderPart;
    let stale = answer.stale;
    if (typeof provider === 'string') {
      part = {
        points: [],
        queries: [],
        burns: {},
        error: { reason: 'no-provider', message: provider },
      };
    } else if (!headline?.budget) {
      part = {
        points: [],
        queries: [],
        burns: {},
        error: {
          reason: 'no-data',
          message:
            answer.slos.find(s => s.name === slo.name)?.error?.message ??
            `No data over the last ${slo.window}`,
        },
      };
    } else {
      const budget = headline.budget;
      const windowTotal = headline.window.total;
      const key = ProviderAnswerCache.key(
        'slo-history',
        entityRef,
        definitions.hash,
        String(picked.index),
        answer.evaluatedAt,
        createHash('sha256')
          .update(measured.map(d => `${d.record.key}@${d.t}`).join(','))
          .digest('hex'),
      );
      const load = async (): Promise<ProviderPart> => {
        const indicator = slo.indicator;
        let points: SloHistoryAnswer['points'] = [];
        let queries: string[] = [];
        let error: ProviderPart['error'];
        if (indicator.kind === 'ratio' && provider.increaseSteps) {
          const stepMs = Math.max(
            60_000,
            Math.ceil(slo.windowMs / POINTS / 60_000) * 60_000,
          );
          const [numerator, total] = await Promise.all(
            [indicator.numerator, indicator.total].map(source =>
              provider.increaseSteps!({
                sli: sliQueryOf(source),
                from,
                to: at,
                stepMs,
              }),
            ),
          );
          queries = [numerator.query, total.query];
          const numeratorAt = new Map(numerator.points.map(p => [p.at, p]));
          let cumulative = 0;
          const bad = total.points.map(p => {
            const n = numeratorAt.get(p.at)?.value ?? 0;
            cumulative += Math.max(
              0,
              indicator.count === 'bad' ? n : p.value - n,
            );
            return { at: p.at, cumulative };
          });
          points = [
            { at: new Date(from).toISOString(), remaining: 1 },
            ...bad.map(p => ({
              at: new Date(p.at).toISOString(),
              remaining:
                1 -
                (cumulative > 0
                  ? (budget.consumed * p.cumulative) / cumulative
                  : budget.consumed),
            })),
          ];
        } else {
          error = {
            reason: 'no-chart',
            message: `${
              provider.title ?? provider.id
            } draws budget charts of ratio SLIs only`,
          };
        }
        const burns: ProviderPart['burns'] = {};
        await mapWithLimit(measured, 6, async d => {
          const after = await counterOf(
            slo,
            provider,
            d.t + HOUR,
          )(objective, HOUR);
          const spent =
            after.total > 0 && windowTotal > 0
              ? (after.total - after.good) / (budget.budget * windowTotal)
              : null;
          burns[d.record.key] = {
            burn: burnRate(objective.target, after),
            spent,
          };
        });
        return { points, queries, burns, ...(error ? { error } : {}) };
      };
      try {
        const cached = await this.options.cache.get(key, {
          ttlMs: this.options.cacheTtlMs,
          load: async () => (await load()) as unknown as JsonValue,
        });
        part = cached.value as unknown as ProviderPart;
        stale ||= cached.stale;
      } catch (error) {
        if (!(error instanceof ProviderHttpError)) throw error;
        part = {
          points: [],
          queries: [],
          burns: {},
          error: { reason: 'provider-error', message: error.message },
        };
      }
    }
    const marks = deployments.map((d): SloDeploymentMark => {
      const burn = part.burns[d.record.key];
      return {
        id: splitRecordKey(d.record.key).externalId,
        at: new Date(d.t).toISOString(),
        status: d.record.status,
        environment: d.record.environment,
        ...(d.record.title ? { title: d.record.title } : {}),
        ...(toSafeHttpUrl(d.record.url)
          ? { url: toSafeHttpUrl(d.record.url) }
          : {}),
        ...(d.record.commit?.sha ? { sha: d.record.commit.sha } : {}),
        burnAfter: burn?.burn ?? null,
        budgetSpentAfter: burn?.spent ?? null,
      };
    });
    return {
      ...base,
      points: part.points,
      queries: part.queries,
      deployments: marks,
      burnedAfter: marks
        .filter(
          m =>
            m.burnAfter !== null &&
            m.burnAfter >= this.options.burnAfterDeployment,
        )
        .map(m => m.id),
      ...(part.error ? { error: part.error } : {}),
      stale,
    };
  }

  /** Every deployment and incident of the Component in the window (pages of 500). */
  private async records(entityRef: string, from: number, to: number) {
    const all: ProvenanceRecord[] = [];
    let after: { t: number; key: string } | undefined;
    for (let page = 0; page < 20; page++) {
      const rows = await this.options.provenance.listRecords(entityRef, {
        from,
        to,
        after,
        limit: 500,
      });
      all.push(...rows);
      if (rows.length < 500) break;
      const last = rows[rows.length - 1];
      after = { t: last.t, key: last.record.key };
    }
    return all;
  }
}
