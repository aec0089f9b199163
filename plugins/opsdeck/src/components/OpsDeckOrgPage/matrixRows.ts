import { parseEntityRef } from '@backstage/catalog-model';
import {
  COVERAGE_INTEGRATIONS,
  CoverageIntegrationId,
  ScopeCoverage,
  ScopeServiceRow,
} from '@opsdeck/backstage-plugin-common';

/** One integration on one service: there, missing, or not for a service of its kind. */
export type MatrixCell = 'present' | 'missing' | 'not-applicable';

/** A service as a row of the coverage matrix. */
export interface MatrixRow {
  entityRef: string;
  title: string;
  /** The owning group's ref, when the services answer names one. */
  owner?: string;
  /** The owner's title (else its name), for sorting and the team filter. */
  ownerTitle: string;
  percent: number | null;
  cells: Record<CoverageIntegrationId, MatrixCell>;
}

/** The eight integrations, in the coverage card's order: the matrix's columns. */
export const MATRIX_INTEGRATIONS = COVERAGE_INTEGRATIONS;

function kindOf(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US');
  } catch {
    return 'component';
  }
}

/**
 * The matrix rows from the coverage answer (what is missing, with the fix) and the services
 * answer (who owns each service). An integration the answer does not name as missing is present
 * where it applies to the service's kind.
 */
export function matrixRows(
  coverage: ScopeCoverage,
  services: readonly ScopeServiceRow[],
  ownerTitles: ReadonlyMap<string, string>,
): MatrixRow[] {
  const owners = new Map(services.map(s => [s.entityRef, s.owner]));
  return coverage.services.map(service => {
    const kind = kindOf(service.entityRef);
    const missing = new Set(service.missing.map(m => m.id));
    const cells = {} as Record<CoverageIntegrationId, MatrixCell>;
    for (const integration of MATRIX_INTEGRATIONS) {
      if (integration.kinds && !integration.kinds.includes(kind)) {
        cells[integration.id] = 'not-applicable';
      } else {
        cells[integration.id] = missing.has(integration.id)
          ? 'missing'
          : 'present';
      }
    }
    const owner = owners.get(service.entityRef);
    return {
      entityRef: service.entityRef,
      title:
        service.title ??
        service.entityRef.replace(/^component:(default\/)?/, ''),
      ...(owner ? { owner } : {}),
      ownerTitle: owner
        ? ownerTitles.get(owner) ?? parseEntityRef(owner).name
        : '',
      percent: service.percent,
      cells,
    };
  });
}

/**
 * Per integration that some service lacks: on how many it is missing, and the fix the answer
 * gives (the backend's words, annotation keys and all).
 */
export function missingIntegrations(coverage: ScopeCoverage) {
  return MATRIX_INTEGRATIONS.flatMap(integration => {
    const lacking = coverage.services.flatMap(
      s => s.missing.find(m => m.id === integration.id) ?? [],
    );
    return lacking.length
      ? [
          {
            id: integration.id,
            title: lacking[0].title,
            fix: lacking[0].fix,
            count: lacking.length,
          },
        ]
      : [];
  });
}
