import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityCoverage, HealthResponse } from '@opsdeck/backstage-plugin-common';

/**
 * The OpsDeck backend as the browser sees it.
 *
 * @public
 */
export interface OpsDeckApi {
  getHealth(): Promise<HealthResponse>;
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
