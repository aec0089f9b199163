import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATIONS } from '../annotations';
import { PlatformDomainId } from './domains';

/**
 * Who owns a platform domain, and why; or why nobody can be named.
 *
 * @public
 */
export type DomainOwnership =
  | {
      /** The owning Group's ref. */
      owner: string;
      /** Where it was read: `opsdeck.platform.domains[].owner`, or the home System's owner. */
      from: 'config' | 'home-system';
      /** The domain's home System, when there is exactly one. */
      home?: string;
    }
  | {
      owner?: undefined;
      /**
       * `no-home`: no System carries the domain and no owner is configured; `two-homes`: several
       * Systems claim the domain (a configuration error: nobody decides until it is fixed);
       * `home-without-owner`: the home System names no owner.
       */
      problem: 'no-home' | 'two-homes' | 'home-without-owner';
      /** The Systems that claim the domain. */
      homes: string[];
    };

const ownerOf = (system: Entity) =>
  system.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef ??
  (typeof system.spec?.owner === 'string'
    ? stringifyEntityRef(
        parseEntityRef(system.spec.owner, {
          defaultKind: 'group',
          defaultNamespace: system.metadata.namespace ?? 'default',
        }),
      )
    : undefined);

/**
 * The one rule for a domain's owner — used for access-request approval, the platform page and
 * onboarding's "who to ask": `opsdeck.platform.domains[].owner` when configured; else the owner
 * of the domain's home System (the System annotated `opsdeck.io/platform-domain` with it). Two
 * home Systems are a configuration error and name nobody, even with an owner configured, so
 * that no catalog change can silently move the decision. Groups' domain annotations decide
 * nothing.
 *
 * @param entities - entities annotated with the domain; only Systems are read
 * @public
 */
export function resolveDomainOwner(
  domain: PlatformDomainId,
  entities: readonly Entity[],
  configuredOwner?: string,
): DomainOwnership {
  const homes = entities.filter(
    e =>
      e.kind.toLocaleLowerCase('en-US') === 'system' &&
      e.metadata.annotations?.[ANNOTATIONS.platformDomain] === domain,
  );
  const refs = homes.map(e => stringifyEntityRef(e)).sort();
  if (homes.length > 1) return { problem: 'two-homes', homes: refs };
  const [home] = refs;
  if (configuredOwner) {
    const owner = stringifyEntityRef(
      parseEntityRef(configuredOwner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
    return { owner, from: 'config', ...(home ? { home } : {}) };
  }
  if (!home) return { problem: 'no-home', homes: [] };
  const owner = ownerOf(homes[0]);
  return owner
    ? { owner, from: 'home-system', home }
    : { problem: 'home-without-owner', homes: refs };
}
