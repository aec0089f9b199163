import { EntityCoverage, coveragePercent } from './computeCoverage';
import { COVERAGE_INTEGRATIONS, CoverageIntegrationId } from './integrations';

/**
 * A group (its owned services, optionally with its child groups') or the whole organisation.
 *
 * @public
 */
export interface ScopeRef {
  /** A group or the organisation. */
  type: 'group' | 'org';
  /** The group, for group scopes. */
  entityRef?: string;
  /** Whether the group's child groups count too. */
  includeChildren?: boolean;
}

/**
 * One service's coverage in a scope answer: its percentage and what it misses.
 *
 * @public
 */
export interface ServiceCoverageSummary {
  /** The service. */
  entityRef: string;
  /** `metadata.title`, when set. */
  title?: string;
  /** present ÷ applicable, 0–100 rounded down; null when nothing applies. */
  percent: number | null;
  /** How many applicable integrations are present. */
  present: number;
  /** How many integrations apply. */
  applicable: number;
  /** The applicable integrations it lacks, with what to add. */
  missing: Array<{ id: CoverageIntegrationId; title: string; fix: string }>;
}

/**
 * The answer of `GET /groups/{namespace}/{name}/coverage` and `GET /org/coverage`.
 *
 * @public
 */
export interface ScopeCoverage {
  /** What was measured. */
  scope: ScopeRef;
  /** present ÷ applicable over every service of the scope, 0–100 rounded down; null without services. */
  percent: number | null;
  /** Present integrations, summed over the services. */
  present: number;
  /** Applicable integrations, summed over the services. */
  applicable: number;
  /** Per integration: on how many services it is present, of how many it applies to. */
  integrations: Array<{
    id: CoverageIntegrationId;
    title: string;
    present: number;
    applicable: number;
  }>;
  /** Every service, least covered first. */
  services: ServiceCoverageSummary[];
}

/**
 * Adds up the coverage of a scope's services: one percentage over all of them (present ÷
 * applicable summed, not a mean of percentages), per-integration counts, and the services
 * least covered first.
 *
 * @public
 */
export function summarizeScopeCoverage(
  scope: ScopeRef,
  coverages: readonly EntityCoverage[],
): ScopeCoverage {
  const services = coverages.map(
    (c): ServiceCoverageSummary => ({
      entityRef: c.entityRef,
      ...(c.title ? { title: c.title } : {}),
      percent: c.percent,
      present: c.present,
      applicable: c.applicable,
      missing: c.items.flatMap(i =>
        i.applicable && !i.present
          ? [{ id: i.id, title: i.title, fix: i.fix ?? '' }]
          : [],
      ),
    }),
  );
  services.sort(
    (a, b) =>
      (a.percent ?? 101) - (b.percent ?? 101) ||
      a.entityRef.localeCompare(b.entityRef),
  );
  const present = coverages.reduce((n, c) => n + c.present, 0);
  const applicable = coverages.reduce((n, c) => n + c.applicable, 0);
  return {
    scope,
    percent: coveragePercent(present, applicable),
    present,
    applicable,
    integrations: COVERAGE_INTEGRATIONS.map(integration => {
      const items = coverages.flatMap(c =>
        c.items.filter(i => i.id === integration.id && i.applicable),
      );
      return {
        id: integration.id,
        title: integration.title,
        present: items.filter(i => i.present).length,
        applicable: items.length,
      };
    }),
    services,
  };
}
