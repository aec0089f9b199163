import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AccessRequest,
  EntityCoverage,
  EntityDora,
  EntitySloAnswer,
  HealthResponse,
  OnboardingProgress,
  OnCallAnswer,
  OwnershipAnswer,
  ProvenancePage,
  ScopeCoverage,
  ScopeDora,
  ScopeServices,
  ScopeSloAnswer,
  ShiftsAnswer,
  SloHistoryAnswer,
} from '@opsdeck/backstage-plugin-common';

/**
 * A DORA window: whole UTC days `[from, to)`, as ISO dates or instants; the backend's default
 * (the 90 days before the next 00:00 UTC) when left out.
 *
 * @public
 */
export interface OpsDeckWindow {
  /** Start, inclusive. */
  from?: string;
  /** End, exclusive. */
  to?: string;
}

/**
 * A group, optionally with its child groups.
 *
 * @public
 */
export interface OpsDeckGroupQuery extends OpsDeckWindow {
  /** Count what the group's child groups own too. */
  includeChildren?: boolean;
}

/**
 * One source's part of a backfill run.
 *
 * @public
 */
export interface OpsDeckBackfillSource {
  /** The webhook source, e.g. `github`. */
  source: string;
  /** Annotation values (repositories, projects, services) to import. */
  targets: number;
  /** Targets finished, imported or failed. */
  done: number;
  /** Deployment and incident updates stored. */
  records: number;
  /** What went wrong, one line per failed target. */
  errors: string[];
}

/**
 * A backfill run: the last `days` days imported from the providers' REST APIs.
 *
 * @public
 */
export interface OpsDeckBackfillRun {
  /** The run's id. */
  id: string;
  /** How many days back it imports. */
  days: number;
  /** ISO instant. */
  startedAt: string;
  /** ISO instant, once the run ended. */
  finishedAt?: string;
  /**
   * Running until every target has ended; then failed when all targets of a source failed, else
   * done.
   */
  status: 'running' | 'done' | 'failed';
  /** The whole run: targets done of all, and the time left at the pace so far. */
  progress: {
    done: number;
    total: number;
    /** Null until a target is done, and once the run ended. */
    etaSeconds: number | null;
  };
  /** Per source: its targets, records and errors. */
  sources: OpsDeckBackfillSource[];
}

/**
 * The OpsDeck backend as the browser sees it.
 *
 * @public
 */
export interface OpsDeckApi {
  /** Whether the backend is up, and which modules it has. */
  getHealth(): Promise<HealthResponse>;
  /** Which OpsDeck integrations an entity has and how to add the missing ones. */
  getEntityCoverage(entity: CompoundEntityRef): Promise<EntityCoverage>;
  /** The owning group, its members and parents, and who is on call. */
  getEntityOwnership(entity: CompoundEntityRef): Promise<OwnershipAnswer>;
  /** Who is on call for an entity now. */
  getEntityOnCall(entity: CompoundEntityRef): Promise<OnCallAnswer>;
  /** Shifts of an entity's rotation or provider (default: the next 28 days). */
  getOnCallShifts(
    entityRef: string,
    window?: OpsDeckWindow,
  ): Promise<ShiftsAnswer>;
  /** An entity's DORA metrics: the window, the previous window and its weeks. */
  getEntityDora(
    entity: CompoundEntityRef,
    window?: OpsDeckWindow,
  ): Promise<EntityDora>;
  /** The deployments and incidents behind an entity's numbers, newest first. */
  getEntityEvents(
    entity: CompoundEntityRef,
    query?: OpsDeckWindow & {
      type?: 'deployment' | 'incident';
      cursor?: string;
      limit?: number;
    },
  ): Promise<ProvenancePage>;
  /** A group's DORA metrics from the rollups. */
  getGroupDora(
    group: CompoundEntityRef,
    query?: OpsDeckGroupQuery,
  ): Promise<ScopeDora>;
  /** A group's coverage rollup. */
  getGroupCoverage(
    group: CompoundEntityRef,
    query?: OpsDeckGroupQuery,
  ): Promise<ScopeCoverage>;
  /** A group's services with coverage and DORA tiers. */
  getGroupServices(
    group: CompoundEntityRef,
    query?: OpsDeckGroupQuery,
  ): Promise<ScopeServices>;
  /** A Component's SLOs: each objective's SLI, budget, burn rates and status. */
  getEntitySlo(entity: CompoundEntityRef): Promise<EntitySloAnswer>;
  /** One objective's budget over its window, with deployments and incidents marked. */
  getEntitySloHistory(
    entity: CompoundEntityRef,
    query?: { slo?: string; objective?: number },
  ): Promise<SloHistoryAnswer>;
  /** A group's services by error-budget state. */
  getGroupSlo(
    group: CompoundEntityRef,
    query?: { includeChildren?: boolean },
  ): Promise<ScopeSloAnswer>;
  /** Every service by error-budget state. */
  getOrgSlo(): Promise<ScopeSloAnswer>;
  /** The organisation's DORA metrics from the rollups. */
  getOrgDora(window?: OpsDeckWindow): Promise<ScopeDora>;
  /** The organisation's coverage rollup. */
  getOrgCoverage(): Promise<ScopeCoverage>;
  /** Every service with coverage and DORA tiers. */
  getOrgServices(window?: OpsDeckWindow): Promise<ScopeServices>;
  /** The onboarding checklist with the signed-in user's ticks. */
  getOnboardingProgress(): Promise<OnboardingProgress>;
  /** Ticks or unticks a step of the signed-in user's checklist; answers the new progress. */
  setOnboardingStep(step: string, done: boolean): Promise<OnboardingProgress>;
  /** Access requests, newest first. */
  listAccessRequests(query?: {
    domain?: string;
    status?: AccessRequest['status'];
  }): Promise<AccessRequest[]>;
  /** Asks for access to a platform domain's resource. */
  createAccessRequest(request: {
    domain: string;
    resource: string;
    reason: string;
    durationDays?: number;
  }): Promise<AccessRequest>;
  /** Approves or rejects a pending request (members of the approving team only). */
  decideAccessRequest(
    id: string,
    decision: { approve: boolean; comment?: string },
  ): Promise<AccessRequest>;
  /** The most recent backfill runs, newest first (needs `opsdeck.admin`). */
  listBackfillRuns(): Promise<OpsDeckBackfillRun[]>;
  /**
   * Starts importing the last `days` days (of the named sources; default every source that
   * can); answers the run. Rejects while another run is running (409).
   */
  startBackfill(request: {
    days: number;
    sources?: string[];
  }): Promise<OpsDeckBackfillRun>;
}

/**
 * The ApiRef of {@link OpsDeckApi}.
 *
 * @public
 */
export const opsDeckApiRef = createApiRef<OpsDeckApi>({
  id: 'plugin.opsdeck.service',
});
