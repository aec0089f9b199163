import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ScopeCoverage,
  ScopeServices,
  doraHeadlines,
  summarizeScopeCoverage,
} from '@opsdeck/backstage-plugin-common';
import { relationTargets } from '../catalog/entities';
import { ScopeQuery, scopeComponents } from '../catalog/scopeComponents';
import { DoraService } from '../dora/DoraService';
import { resolveWindowQuery } from '../dora/windowQuery';
import { CoverageService } from '../coverage/CoverageService';

/**
 * What a team's Operations tab and the org overview list: the scope's services with their
 * coverage and DORA tiers, and the scope's coverage rollup.
 *
 * @internal
 */
export class ScopeServicesService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      dora: DoraService;
      coverage: CoverageService;
    },
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
    return summarizeScopeCoverage(
      scope,
      await this.options.coverage.coverageOf(components, credentials),
    );
  }

  async getServices(
    query: ScopeQuery,
    options: { from?: string; to?: string; credentials: BackstageCredentials },
  ): Promise<ScopeServices> {
    const window = resolveWindowQuery(options);
    // How far derivation has come, read before the rows: an answer never claims more than it holds.
    const [state, { scope, components }] = await Promise.all([
      this.options.dora.derivationState(),
      scopeComponents(this.options.catalog, query, options.credentials),
    ]);
    const coverages = await this.options.coverage.coverageOf(
      components,
      options.credentials,
    );
    // Every service's window facts in a few queries, whatever the scope's size.
    const metrics = await this.options.dora.windowMetricsOf(
      coverages.map(c => c.entityRef),
      window,
    );
    const rows: ScopeServices['services'] = components.map((entity, i) => {
      const coverage = coverages[i];
      const [owner] = relationTargets(entity, 'ownedBy');
      const [system] = relationTargets(entity, 'partOf', 'system');
      return {
        entityRef: coverage.entityRef,
        ...(coverage.title ? { title: coverage.title } : {}),
        ...(owner ? { owner } : {}),
        ...(system ? { system } : {}),
        coverage: coverage.percent,
        missing: coverage.items
          .filter(item => item.applicable && !item.present)
          .map(item => item.id),
        dora: doraHeadlines(metrics.get(coverage.entityRef)!),
      };
    });
    return {
      ...state,
      scope,
      window,
      benchmark: this.options.dora.benchmarkId,
      services: rows,
    };
  }
}
