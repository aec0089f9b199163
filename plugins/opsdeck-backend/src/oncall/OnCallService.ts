import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATIONS,
  OnCallCandidate,
  OnCallOrigin,
  chooseOnCallSource,
  parseRotation,
  rotationShiftAt,
  rotationShifts,
} from '@opsdeck/backstage-plugin-common';
import { OpsDeckOnCallProvider } from '@opsdeck/backstage-plugin-node';
import { profileOf, relationTargets } from '../catalog/entities';
import { readEntityAsCaller } from '../catalog/readEntity';

/** One person on call, matched to a catalog User where possible. @internal */
export type OnCallPerson = {
  name: string;
  email?: string;
  /** The catalog User, when exactly one matches. */
  userRef?: string;
};

/** The answer of `GET /entities/…/oncall`. @internal */
export type OnCallAnswer = {
  entityRef: string;
  /** `rotation`, or the id of the provider that answered; null when nothing is known. */
  provider: string | null;
  /** Where the on-call annotation came from, when one was found. */
  source?: { annotation: string; origin: OnCallOrigin; entityRef: string };
  levels: Array<{
    level: number;
    people: OnCallPerson[];
    /** End of the current shift, ISO 8601. */
    until?: string;
    scheduleName?: string;
  }>;
  /** When the answer was true, ISO 8601. */
  asOf: string;
  stale: boolean;
  /** Why there are no levels, and how to fix it. */
  error?: { reason: string; message: string };
};

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

/** The inheritance order of {@link chooseOnCallSource}. */
const candidates = (entity: Entity, chain: OnCallChain) => ({
  own: candidate(entity),
  system: chain.system && candidate(chain.system),
  group: chain.group && candidate(chain.group),
  ancestors: chain.ancestors.map(candidate),
});

/**
 * Who is on call for an entity: the on-call annotation found by the inheritance order (own →
 * System → owning Group → ancestors), answered by the catalog rotation it holds or by the
 * installed provider for its annotation. Catalog reads use the caller's credentials.
 *
 * @internal
 */
export class OnCallService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      providers: () => OpsDeckOnCallProvider[];
    },
  ) {}

  async getOnCall(
    ref: CompoundEntityRef,
    query: { credentials: BackstageCredentials; now?: number },
  ): Promise<OnCallAnswer> {
    const { entity } = await readEntityAsCaller(
      this.options.catalog,
      ref,
      query.credentials,
    );
    return this.answer(
      entity,
      await this.chainOf(entity, query.credentials),
      query,
    );
  }

  /** The on-call answer for an entity already read, with its chain. */
  async answer(
    entity: Entity,
    chain: OnCallChain,
    query: { credentials: BackstageCredentials; now?: number },
  ): Promise<OnCallAnswer> {
    const now = query.now ?? Date.now();
    const entityRef = stringifyEntityRef(entity);
    const choice = chooseOnCallSource(candidates(entity, chain));
    const base = {
      entityRef,
      asOf: new Date(now).toISOString(),
      stale: false,
      levels: [],
    };
    if (!choice) {
      return {
        ...base,
        provider: null,
        error: {
          reason: 'no-oncall-annotation',
          message: `Neither ${entityRef}, its System, its owning Group nor that group's parents name an on-call. Add ${ANNOTATIONS.pagerDutyServiceId}, ${ANNOTATIONS.opsgenieTeam} or ${ANNOTATIONS.oncallRotation} (a rotation defined in the catalog) to one of them.`,
        },
      };
    }
    const source = {
      annotation: choice.annotation,
      origin: choice.origin,
      entityRef: choice.entityRef,
    };
    if (choice.annotation === ANNOTATIONS.oncallRotation) {
      const parsed = parseRotation(choice.value);
      if ('error' in parsed) {
        return {
          ...base,
          provider: 'rotation',
          source,
          error: {
            reason: 'invalid-rotation',
            message: `${ANNOTATIONS.oncallRotation} on ${choice.entityRef}: ${parsed.error}`,
          },
        };
      }
      const shift = rotationShiftAt(parsed.rotation, now);
      if (!shift) {
        return {
          ...base,
          provider: 'rotation',
          source,
          error: {
            reason: 'rotation-not-started',
            message: `The rotation on ${choice.entityRef} starts on ${parsed.rotation.start}`,
          },
        };
      }
      return {
        ...base,
        provider: 'rotation',
        source,
        levels: [
          {
            level: 1,
            people: [await this.person(shift.member, query.credentials)],
            until: new Date(shift.until).toISOString(),
            scheduleName: `${choice.entityRef} rotation`,
          },
        ],
      };
    }
    const provider = this.options
      .providers()
      .find(p => p.annotations.includes(choice.annotation));
    if (!provider) {
      return {
        ...base,
        provider: null,
        source,
        error: {
          reason: 'no-provider',
          message: `${choice.entityRef} names its on-call with ${choice.annotation}, but no OpsDeck on-call provider for it is installed in this backend`,
        },
      };
    }
    const answer = await provider.getOnCall({
      annotation: choice.annotation,
      value: choice.value,
    });
    return {
      ...base,
      provider: provider.id,
      source,
      levels: answer.levels.map(level => ({
        ...level,
        people: level.people.map(p => ({ name: p.name, email: p.email })),
      })),
    };
  }

  /** Upcoming shifts of the entity's catalog rotation in `[from, to)`. */
  async getShifts(
    ref: CompoundEntityRef,
    query: { credentials: BackstageCredentials; from: number; to: number },
  ) {
    const { entity } = await readEntityAsCaller(
      this.options.catalog,
      ref,
      query.credentials,
    );
    const choice = chooseOnCallSource(
      candidates(entity, await this.chainOf(entity, query.credentials)),
    );
    if (choice?.annotation !== ANNOTATIONS.oncallRotation) return [];
    const parsed = parseRotation(choice.value);
    if ('error' in parsed) return [];
    const people = new Map<string, OnCallPerson>();
    const shifts = rotationShifts(parsed.rotation, query.from, query.to, 200);
    for (const shift of shifts) {
      if (!people.has(shift.member)) {
        people.set(
          shift.member,
          await this.person(shift.member, query.credentials),
        );
      }
    }
    return shifts.map(shift => ({
      person: people.get(shift.member)!,
      from: new Date(shift.from).toISOString(),
      until: new Date(shift.until).toISOString(),
    }));
  }

  /** The entity's System, its owning Group and that group's ancestors, read as the caller. */
  async chainOf(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<OnCallChain> {
    const { catalog } = this.options;
    const get = async (ref: string | undefined) =>
      ref ? await catalog.getEntityByRef(ref, { credentials }) : undefined;
    const isGroup = entity.kind.toLowerCase() === 'group';
    const system = isGroup
      ? undefined
      : await get(relationTargets(entity, 'partOf', 'system')[0]);
    const group = isGroup
      ? undefined
      : await get(relationTargets(entity, 'ownedBy', 'group')[0]);
    const ancestors: Entity[] = [];
    let next = relationTargets(group ?? entity, 'childOf', 'group')[0];
    while (next && ancestors.length < MAX_ANCESTORS) {
      const parent = await get(next);
      if (!parent) break;
      ancestors.push(parent);
      next = relationTargets(parent, 'childOf', 'group')[0];
    }
    return { system, group, ancestors };
  }

  /** A rotation member's name and email from the catalog. */
  private async person(
    memberRef: string,
    credentials: BackstageCredentials,
  ): Promise<OnCallPerson> {
    const user = await this.options.catalog.getEntityByRef(memberRef, {
      credentials,
    });
    return user
      ? { ...profileOf(user, memberRef), userRef: stringifyEntityRef(user) }
      : { name: memberRef };
  }
}
