import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityCoverage,
  HealthResponse,
} from '@opsdeck/backstage-plugin-common';
import { OpsDeckApi } from './OpsDeckApi';

/**
 * Calls the OpsDeck backend with the signed-in user's credentials (through `fetchApi`).
 *
 * @public
 */
export class OpsDeckClient implements OpsDeckApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

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

  private async request<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('opsdeck');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
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
