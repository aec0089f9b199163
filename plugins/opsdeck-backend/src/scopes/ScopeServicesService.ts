import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ScopeCoverage,
  ScopeServices,
  computeEntityCoverage,
  doraHeadlines,
  summarizeScopeCoverage,
} from '@opsdeck/backstage-plugin-common';
import { relationTargets } from '../catalog/entities';
import { ScopeQuery, scopeComponents } from '../catalog/scopeComponents';
import { DoraService } from '../dora/DoraService';
import { resolveWindowQuery } from '../dora/windowQuery';

/** Services measured at once: bounds the database reads in flight for a large org. */
const CONCURRENCY = 4;

const coverageOf = (entity: Entity) =>
  computeEntityCoverage(stringifyEntityRef(entity), entity);

/**
 * What a team's Operations tab and the org overview list: the scope's services with their
 * coverage and DORA tiers, and the scope's coverage rollup.
 *
 * @internal
 */
export class ScopeServicesService {
  constructor(
    private readonly options: { catalog: CatalogService; dora: DoraService },
  ) {}

  async getCoverage(
    query: ScopeQuery,
    credentials: BackstageCredentials,
  ): Promise<ScopeCoverage> {
    const { scope, components } = await scopeComponents(
      this.options.catalog,
      query,
      credentials,
    );
    return summarizeScopeCoverage(scope, components.map(coverageOf));
  }

  async getServices(
    query: ScopeQuery,
    options: { from?: string; to?: string; credentials: BackstageCredentials },
  ): Promise<ScopeServices> {
    const window = resolveWindowQuery(options);
    const { scope, components } = await scopeComponents(
      this.options.catalog,
      query,
      options.credentials,
    );
    const rows: ScopeServices['services'] = new Array(components.length);
    let next = 0;
    const worker = async () => {
      while (next < components.length) {
        const i = next++;
        const entity = components[i];
        const coverage = coverageOf(entity);
        const metrics = await this.options.dora.windowMetrics(
          coverage.entityRef,
          window,
        );
        const [owner] = relationTargets(entity, 'ownedBy');
        const [system] = relationTargets(entity, 'partOf', 'system');
        rows[i] = {
          entityRef: coverage.entityRef,
          ...(coverage.title ? { title: coverage.title } : {}),
          ...(owner ? { owner } : {}),
          ...(system ? { system } : {}),
          coverage: coverage.percent,
          missing: coverage.items
            .filter(item => item.applicable && !item.present)
            .map(item => item.id),
          dora: doraHeadlines(metrics),
        };
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return {
      ...(await this.options.dora.derivationState()),
      scope,
      window,
      benchmark: this.options.dora.benchmarkId,
      services: rows,
    };
  }
}
