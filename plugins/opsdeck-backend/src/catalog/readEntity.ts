import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Reads an entity with the caller's credentials, so catalog read permissions apply to OpsDeck's
 * answers too; a missing or hidden entity is a 404 that names it.
 *
 * @internal
 */
export async function readEntityAsCaller(
  catalog: CatalogService,
  ref: CompoundEntityRef,
  credentials: BackstageCredentials,
): Promise<{ entity: Entity; entityRef: string }> {
  const wanted = stringifyEntityRef(ref);
  const entity = await catalog.getEntityByRef(wanted, { credentials });
  if (!entity) {
    throw new NotFoundError(
      `No entity ${wanted} in the catalog, or you are not allowed to see it`,
    );
  }
  return { entity, entityRef: stringifyEntityRef(entity) };
}
