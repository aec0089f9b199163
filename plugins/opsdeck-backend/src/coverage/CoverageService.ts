import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityCoverage,
  computeEntityCoverage,
} from '@opsdeck/backstage-plugin-common';

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
    const entityRef = stringifyEntityRef(ref);
    // Read with the caller's credentials so catalog read permissions apply to OpsDeck too.
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials: options.credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${entityRef} in the catalog, or you are not allowed to see it`,
      );
    }
    return computeEntityCoverage(stringifyEntityRef(entity), entity);
  }
}
