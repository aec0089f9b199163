import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OnCallCandidate,
  chooseOnCallSource,
} from '@opsdeck/backstage-plugin-common';
import { relationTargets } from '../catalog/entities';

/** Deepest group ancestry walked. */
const MAX_ANCESTORS = 10;

/** What an entity's on-call can be inherited from, nearest first. @internal */
export type OnCallChain = {
  system?: Entity;
  /** The owning group; absent for a Group (it is its own owner) or an unowned entity. */
  group?: Entity;
  /** The owning group's parent (a Group's own parent), its parent, … */
  ancestors: Entity[];
};

const candidate = (entity: Entity): OnCallCandidate => ({
  entityRef: stringifyEntityRef(entity),
  annotations: entity.metadata.annotations,
});

/** The inheritance order of {@link chooseOnCallSource}. @internal */
export const onCallCandidates = (entity: Entity, chain: OnCallChain) => ({
  own: candidate(entity),
  system: chain.system && candidate(chain.system),
  group: chain.group && candidate(chain.group),
  ancestors: chain.ancestors.map(candidate),
});

/**
 * Each entity's System, owning Group and that group's ancestors, read as the caller — in one
 * catalog query per level however many entities ask (a team's or the org's service table).
 *
 * @internal
 */
export async function onCallChains(
  catalog: CatalogService,
  entities: readonly Entity[],
  credentials: BackstageCredentials,
): Promise<OnCallChain[]> {
  const read = new Map<string, Entity | undefined>();
  const load = async (refs: Array<string | undefined>) => {
    const missing = [
      ...new Set(refs.filter((r): r is string => !!r && !read.has(r))),
    ];
    if (missing.length === 0) return;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: missing },
      { credentials },
    );
    missing.forEach((ref, i) => read.set(ref, items[i] ?? undefined));
  };
  const links = entities.map(entity => {
    const isGroup = entity.kind.toLowerCase() === 'group';
    return {
      system: isGroup
        ? undefined
        : relationTargets(entity, 'partOf', 'system')[0],
      group: isGroup
        ? undefined
        : relationTargets(entity, 'ownedBy', 'group')[0],
    };
  });
  await load(links.flatMap(l => [l.system, l.group]));
  const parentOf = (e: Entity | undefined) =>
    e ? relationTargets(e, 'childOf', 'group')[0] : undefined;
  // Ancestors, level by level, for every starting group at once.
  let frontier = entities.map((e, i) =>
    parentOf(links[i].group ? read.get(links[i].group!) : e),
  );
  for (let depth = 0; depth < MAX_ANCESTORS; depth++) {
    await load(frontier);
    frontier = frontier.map(ref => parentOf(ref ? read.get(ref) : undefined));
    if (frontier.every(ref => !ref)) break;
  }
  return entities.map((entity, i) => {
    const system = links[i].system ? read.get(links[i].system!) : undefined;
    const group = links[i].group ? read.get(links[i].group!) : undefined;
    const ancestors: Entity[] = [];
    let next = parentOf(group ?? entity);
    while (next && ancestors.length < MAX_ANCESTORS) {
      const parent = read.get(next);
      if (!parent) break;
      ancestors.push(parent);
      next = parentOf(parent);
    }
    return { system, group, ancestors };
  });
}

/**
 * Where each entity's on-call comes from when it names none itself: the nearest System, owning
 * Group or ancestor group that does (the on-call card's order); undefined when the entity names
 * its own or nothing in its chain names one.
 *
 * @internal
 */
export async function inheritedOnCall(
  catalog: CatalogService,
  entities: readonly Entity[],
  credentials: BackstageCredentials,
  /** On-call annotation keys in priority order; default the built-in ones. */
  annotations?: readonly string[],
): Promise<Array<string | undefined>> {
  const chains = await onCallChains(catalog, entities, credentials);
  return entities.map((entity, i) => {
    const choice = chooseOnCallSource(onCallCandidates(entity, chains[i]), {
      annotations,
    });
    return choice && choice.origin !== 'own' ? choice.entityRef : undefined;
  });
}
