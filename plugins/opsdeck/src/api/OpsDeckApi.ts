import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityCoverage,
  HealthResponse,
} from '@opsdeck/backstage-plugin-common';

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
}

/**
 * The ApiRef of {@link OpsDeckApi}.
 *
 * @public
 */
export const opsDeckApiRef = createApiRef<OpsDeckApi>({
  id: 'plugin.opsdeck.service',
});
