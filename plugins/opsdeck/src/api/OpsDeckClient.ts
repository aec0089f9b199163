import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import {
  OpsDeckApi,
  OpsDeckBackfillRun,
  OpsDeckGroupQuery,
  OpsDeckWindow,
} from './OpsDeckApi';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * Calls the OpsDeck backend with the signed-in user's credentials (through `fetchApi`).
 *
 * @public
 */
export class OpsDeckClient implements OpsDeckApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /** GETs under way, by URL: cards placed side by side ask once (the home page's cards do). */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc OpsDeckApi.getHealth} */
  getHealth(): Promise<HealthResponse> {
    return this.request('/health');
  }

  /** {@inheritDoc OpsDeckApi.getEntityCoverage} */
  getEntityCoverage(entity: CompoundEntityRef): Promise<EntityCoverage> {
    return this.request(`${entityPath(entity)}/coverage`);
  }

  /** {@inheritDoc OpsDeckApi.getEntityOwnership} */
  getEntityOwnership(entity: CompoundEntityRef): Promise<OwnershipAnswer> {
    return this.request(`${entityPath(entity)}/ownership`);
  }

  /** {@inheritDoc OpsDeckApi.getEntityOnCall} */
  getEntityOnCall(entity: CompoundEntityRef): Promise<OnCallAnswer> {
    return this.request(`${entityPath(entity)}/oncall`);
  }

  /** {@inheritDoc OpsDeckApi.getOnCallShifts} */
  getOnCallShifts(
    entityRef: string,
    window: OpsDeckWindow = {},
  ): Promise<ShiftsAnswer> {
    return this.request('/oncall/shifts', { entityRef, ...window });
  }

  /** {@inheritDoc OpsDeckApi.getEntityDora} */
  getEntityDora(
    entity: CompoundEntityRef,
    window: OpsDeckWindow = {},
  ): Promise<EntityDora> {
    return this.request(`${entityPath(entity)}/dora`, { ...window });
  }

  /** {@inheritDoc OpsDeckApi.getEntityEvents} */
  getEntityEvents(
    entity: CompoundEntityRef,
    query: OpsDeckWindow & {
      type?: 'deployment' | 'incident';
      cursor?: string;
      limit?: number;
    } = {},
  ): Promise<ProvenancePage> {
    return this.request(`${entityPath(entity)}/events`, { ...query });
  }

  /** {@inheritDoc OpsDeckApi.getGroupDora} */
  getGroupDora(
    group: CompoundEntityRef,
    query: OpsDeckGroupQuery = {},
  ): Promise<ScopeDora> {
    return this.request(`${groupPath(group)}/dora`, { ...query });
  }

  /** {@inheritDoc OpsDeckApi.getGroupCoverage} */
  getGroupCoverage(
    group: CompoundEntityRef,
    query: OpsDeckGroupQuery = {},
  ): Promise<ScopeCoverage> {
    return this.request(`${groupPath(group)}/coverage`, {
      includeChildren: query.includeChildren,
    });
  }

  /** {@inheritDoc OpsDeckApi.getGroupServices} */
  getGroupServices(
    group: CompoundEntityRef,
    query: OpsDeckGroupQuery = {},
  ): Promise<ScopeServices> {
    return this.request(`${groupPath(group)}/services`, { ...query });
  }

  /** {@inheritDoc OpsDeckApi.getEntitySlo} */
  getEntitySlo(entity: CompoundEntityRef): Promise<EntitySloAnswer> {
    return this.request(`${entityPath(entity)}/slo`);
  }

  /** {@inheritDoc OpsDeckApi.getEntitySloHistory} */
  getEntitySloHistory(
    entity: CompoundEntityRef,
    query: { slo?: string; objective?: number } = {},
  ): Promise<SloHistoryAnswer> {
    return this.request(`${entityPath(entity)}/slo/history`, { ...query });
  }

  /** {@inheritDoc OpsDeckApi.getGroupSlo} */
  getGroupSlo(
    group: CompoundEntityRef,
    query: { includeChildren?: boolean } = {},
  ): Promise<ScopeSloAnswer> {
    return this.request(`${groupPath(group)}/slo`, {
      includeChildren: query.includeChildren,
    });
  }

  /** {@inheritDoc OpsDeckApi.getOrgSlo} */
  getOrgSlo(): Promise<ScopeSloAnswer> {
    return this.request('/org/slo');
  }

  /** {@inheritDoc OpsDeckApi.getOrgDora} */
  getOrgDora(window: OpsDeckWindow = {}): Promise<ScopeDora> {
    return this.request('/org/dora', { ...window });
  }

  /** {@inheritDoc OpsDeckApi.getOrgCoverage} */
  getOrgCoverage(): Promise<ScopeCoverage> {
    return this.request('/org/coverage');
  }

  /** {@inheritDoc OpsDeckApi.getOrgServices} */
  getOrgServices(window: OpsDeckWindow = {}): Promise<ScopeServices> {
    return this.request('/org/services', { ...window });
  }

  /** {@inheritDoc OpsDeckApi.getOnboardingProgress} */
  getOnboardingProgress(): Promise<OnboardingProgress> {
    return this.request('/onboarding/progress');
  }

  /** {@inheritDoc OpsDeckApi.setOnboardingStep} */
  setOnboardingStep(step: string, done: boolean): Promise<OnboardingProgress> {
    return this.send('PUT', '/onboarding/progress', { step, done });
  }

  /** {@inheritDoc OpsDeckApi.listAccessRequests} */
  async listAccessRequests(
    query: { domain?: string; status?: AccessRequest['status'] } = {},
  ): Promise<AccessRequest[]> {
    return (
      await this.request<{ items: AccessRequest[] }>('/access-requests', {
        ...query,
      })
    ).items;
  }

  /** {@inheritDoc OpsDeckApi.createAccessRequest} */
  createAccessRequest(request: {
    domain: string;
    resource: string;
    reason: string;
    durationDays?: number;
  }): Promise<AccessRequest> {
    return this.send('POST', '/access-requests', request);
  }

  /** {@inheritDoc OpsDeckApi.decideAccessRequest} */
  decideAccessRequest(
    id: string,
    decision: { approve: boolean; comment?: string },
  ): Promise<AccessRequest> {
    return this.send(
      'POST',
      `/access-requests/${encodeURIComponent(id)}/decision`,
      decision,
    );
  }

  /** {@inheritDoc OpsDeckApi.listBackfillRuns} */
  async listBackfillRuns(): Promise<OpsDeckBackfillRun[]> {
    return (
      await this.request<{ runs: OpsDeckBackfillRun[] }>('/admin/backfill')
    ).runs;
  }

  /** {@inheritDoc OpsDeckApi.startBackfill} */
  startBackfill(request: {
    days: number;
    sources?: string[];
  }): Promise<OpsDeckBackfillRun> {
    return this.send('POST', '/admin/backfill', request);
  }

  private send<T>(method: string, path: string, body: unknown): Promise<T> {
    return this.request(
      path,
      {},
      {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
  }

  private async request<T>(
    path: string,
    query: Query = {},
    init?: RequestInit,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('opsdeck');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== false)
        params.set(key, String(value));
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    if (init) return this.fetchJson<T>(url, init);
    const shared = this.inFlight.get(url);
    if (shared) return shared as Promise<T>;
    const answer = this.fetchJson<T>(url).finally(() =>
      this.inFlight.delete(url),
    );
    this.inFlight.set(url, answer);
    return answer;
  }

  private async fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
    const response = await this.fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath({ kind, namespace, name }: CompoundEntityRef): string {
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

function groupPath({ namespace, name }: CompoundEntityRef): string {
  return `/groups/${[namespace, name].map(encodeURIComponent).join('/')}`;
}
