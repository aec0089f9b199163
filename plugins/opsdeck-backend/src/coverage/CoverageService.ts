import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityCoverage,
  computeEntityCoverage,
} from '@opsdeck/backstage-plugin-common';
import { readEntityAsCaller } from '../catalog/readEntity';

/**
 * Answers "which OpsDeck integrations does this entity have".
 *
 * @internal
 */
export class CoverageService {
  constructor(private readonly catalog: CatalogService) {}

  async getEntityCoverage(
    ref: CompoundEntityRef,
    options: { credentials: BackstageCredentials },
  ): Promise<EntityCoverage> {
    const { entity, entityRef } = await readEntityAsCaller(
      this.catalog,
      ref,
      options.credentials,
    );
    return computeEntityCoverage(entityRef, entity);
  }
}
