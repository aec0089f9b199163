import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { toSafeHttpUrl } from '@opsdeck/backstage-plugin-common';
import { readEntityAsCaller } from '../catalog/readEntity';
import { OnCallAnswer, OnCallService } from './OnCallService';

/** A group as the ownership card shows it. @internal */
export type OwnershipGroup = {
  entityRef: string;
  name: string;
  email?: string;
};

/** The answer of `GET /entities/…/ownership`. @internal */
export type OwnershipAnswer = {
  entityRef: string;
  /** The owning group (a Group's own ownership answer is about itself); absent when unowned. */
  owner?: OwnershipGroup & {
    members: Array<{ entityRef: string; name: string; email?: string }>;
    /** Links from the group's profile and `metadata.links`, http(s) only. */
    links: Array<{ title: string; url: string }>;
  };
  /** The owner's parent, its parent, … up to the top. */
  parents: OwnershipGroup[];
  oncall: OnCallAnswer;
};

const MAX_PARENTS = 10;

const groupOf = (entity: Entity): OwnershipGroup => {
  const profile = (entity.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
  };
  return {
    entityRef: stringifyEntityRef(entity),
    name: profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
    ...(profile.email ? { email: profile.email } : {}),
  };
};

const targets = (entity: Entity, type: string) =>
  (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef);

/**
 * Who owns an entity and how to reach them, in one answer for the card: the owning group with
 * its members and contacts, the parent chain, and the on-call answer. Catalog reads use the
 * caller's credentials.
 *
 * @internal
 */
export class OwnershipService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      oncall: OnCallService;
    },
  ) {}

  async getOwnership(
    ref: CompoundEntityRef,
    query: { credentials: BackstageCredentials },
  ): Promise<OwnershipAnswer> {
    const { catalog } = this.options;
    const { credentials } = query;
    const { entity, entityRef } = await readEntityAsCaller(
      catalog,
      ref,
      credentials,
    );
    const get = (target: string) =>
      catalog.getEntityByRef(target, { credentials });
    const owner =
      entity.kind.toLowerCase() === 'group'
        ? entity
        : await (async () => {
            const target = targets(entity, 'ownedBy').find(t =>
              t.startsWith('group:'),
            );
            return target ? get(target) : undefined;
          })();
    const [oncall, members, parents] = await Promise.all([
      this.options.oncall.getOnCall(ref, { credentials }),
      owner
        ? Promise.all(targets(owner, 'hasMember').map(get))
        : Promise.resolve([]),
      (async () => {
        const chain: OwnershipGroup[] = [];
        let next = owner && targets(owner, 'childOf')[0];
        while (next && chain.length < MAX_PARENTS) {
          const parent = await get(next);
          if (!parent) break;
          chain.push(groupOf(parent));
          next = targets(parent, 'childOf')[0];
        }
        return chain;
      })(),
    ]);
    return {
      entityRef,
      ...(owner
        ? {
            owner: {
              ...groupOf(owner),
              members: members
                .filter((m): m is Entity => Boolean(m))
                .map(m => {
                  const { name, email } = groupOf(m);
                  return {
                    entityRef: stringifyEntityRef(m),
                    name,
                    ...(email ? { email } : {}),
                  };
                }),
              links: (owner.metadata.links ?? []).flatMap(link => {
                const url = toSafeHttpUrl(link.url);
                return url ? [{ title: link.title ?? url, url }] : [];
              }),
            },
          }
        : {}),
      parents,
      oncall,
    };
  }
}
