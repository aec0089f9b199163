import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TtlMemo } from '../ttlMemo';

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

/** Reads an entity as the caller. @internal */
export interface EntityReader {
  read(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<{ entity: Entity; entityRef: string }>;
}

/**
 * The reader a service was given (the plugin shares one {@link CallerEntityReader} between its
 * routes, so a service page's cards read the entity once), else a read from the catalog each time.
 *
 * @internal
 */
export function entityReader(options: {
  catalog: CatalogService;
  entities?: EntityReader;
}): EntityReader {
  return (
    options.entities ?? {
      read: (ref, credentials) =>
        readEntityAsCaller(options.catalog, ref, credentials),
    }
  );
}

/**
 * {@link readEntityAsCaller} with a short memory per caller and entity: a burst of requests from
 * one caller for one entity (a page's cards, a dashboard polling, a pipeline's retries) reads it
 * from the catalog once per `ttlMs` (default 2 s), concurrent reads sharing one catalog call.
 * Keyed by the caller's principal, so catalog permissions still apply to every caller; a change
 * of the entity or of its permissions reaches answers within the TTL.
 *
 * @internal
 */
export class CallerEntityReader implements EntityReader {
  private readonly reads: TtlMemo<{ entity: Entity; entityRef: string }>;

  constructor(
    private readonly catalog: CatalogService,
    options: { ttlMs?: number; now?: () => number } = {},
  ) {
    this.reads = new TtlMemo({
      ttlMs: options.ttlMs ?? 2_000,
      now: options.now,
    });
  }

  read(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<{ entity: Entity; entityRef: string }> {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    const who = principal.userEntityRef ?? principal.subject;
    if (!who) return readEntityAsCaller(this.catalog, ref, credentials);
    const key = `${principal.type}\u0000${who}\u0000${stringifyEntityRef(
      ref,
    ).toLocaleLowerCase('en-US')}`;
    return this.reads.get(key, () =>
      readEntityAsCaller(this.catalog, ref, credentials),
    );
  }
}
