import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OwnershipAnswer,
  OwnershipGroup,
  toSafeHttpUrl,
} from '@opsdeck/backstage-plugin-common';
import { profileOf, relationTargets } from '../catalog/entities';
import { EntityReader, entityReader } from '../catalog/readEntity';
import { OnCallService } from './OnCallService';

const summary = (entity: Entity): OwnershipGroup => ({
  entityRef: stringifyEntityRef(entity),
  ...profileOf(entity),
});

/**
 * Who owns an entity and how to reach them, in one answer for the card: the owning group with
 * its members and contacts, the parent chain, and the on-call answer. The entity and its chain
 * (owning group, parents) are read once, as the caller, and serve both the ownership and the
 * on-call answer.
 *
 * @internal
 */
export class OwnershipService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      /** Shared reads of entities as the caller; default a catalog read each time. */
      entities?: EntityReader;
      oncall: OnCallService;
    },
  ) {}

  async getOwnership(
    ref: CompoundEntityRef,
    query: { credentials: BackstageCredentials },
  ): Promise<OwnershipAnswer> {
    const { catalog, oncall } = this.options;
    const { credentials } = query;
    const { entity, entityRef } = await entityReader(this.options).read(
      ref,
      credentials,
    );
    const chain = await oncall.chainOf(entity, credentials);
    const owner = entity.kind.toLowerCase() === 'group' ? entity : chain.group;
    const [answer, members] = await Promise.all([
      oncall.answer(entity, chain, { credentials }),
      owner
        ? Promise.all(
            relationTargets(owner, 'hasMember').map(target =>
              catalog.getEntityByRef(target, { credentials }),
            ),
          )
        : Promise.resolve([]),
    ]);
    return {
      entityRef,
      ...(owner
        ? {
            owner: {
              ...summary(owner),
              members: members
                .filter((m): m is Entity => Boolean(m))
                .map(summary),
              links: (owner.metadata.links ?? []).flatMap(link => {
                const url = toSafeHttpUrl(link.url);
                return url ? [{ title: link.title ?? url, url }] : [];
              }),
            },
          }
        : {}),
      parents: chain.ancestors.map(summary),
      oncall: answer,
    };
  }
}
