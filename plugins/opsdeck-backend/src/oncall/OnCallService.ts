import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATIONS,
  ONCALL_ANNOTATIONS,
  OnCallAnswer,
  OnCallLevelAnswer,
  OnCallPerson,
  ShiftsAnswer,
  chooseOnCallSource,
  parseRotation,
  rotationShiftAt,
  rotationShifts,
} from '@opsdeck/backstage-plugin-common';
import { catalogPerson, linkPeople } from './catalogPeople';
import { ProviderOnCall } from './ProviderOnCall';
import { OnCallChain, onCallCandidates, onCallChains } from './onCallChains';

import { EntityReader, entityReader } from '../catalog/readEntity';

type Choice = NonNullable<ReturnType<typeof chooseOnCallSource>>;

/**
 * Who is on call for an entity: the on-call annotation found by the inheritance order (own →
 * System → owning Group → ancestors), answered by the catalog rotation it holds or by the
 * installed provider for its annotation (cached, coalesced, last-known when the provider is
 * down). Provider users are linked to catalog Users by email. Catalog reads use the caller's
 * credentials.
 *
 * @internal
 */
export class OnCallService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      /** Shared reads of entities as the caller; default a catalog read each time. */
      entities?: EntityReader;
      providers: ProviderOnCall;
      /** On-call annotation keys in priority order; default the built-in ones. */
      annotations?: readonly string[];
    },
  ) {}

  /** ", or one an installed module reads: …" when modules add on-call annotations. */
  private moduleKeysHint(): string {
    const builtIn = new Set<string>(ONCALL_ANNOTATIONS);
    const extra = (this.options.annotations ?? []).filter(k => !builtIn.has(k));
    return extra.length
      ? `, or one an installed module reads (${extra.join(', ')})`
      : '';
  }

  /** The on-call annotation an entity's chain names, by the inheritance order. */
  private choose(entity: Entity, chain: OnCallChain, after?: string) {
    return chooseOnCallSource(onCallCandidates(entity, chain), {
      after,
      annotations: this.options.annotations,
    });
  }

  async getOnCall(
    ref: CompoundEntityRef,
    query: { credentials: BackstageCredentials; now?: number },
  ): Promise<OnCallAnswer> {
    const { entity } = await entityReader(this.options).read(
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
    const entityRef = stringifyEntityRef(entity);
    const choice = this.choose(entity, chain);
    if (!choice) {
      return {
        entityRef,
        asOf: new Date(query.now ?? Date.now()).toISOString(),
        stale: false,
        levels: [],
        provider: null,
        error: {
          reason: 'no-oncall-annotation',
          message: `Neither ${entityRef}, its System, its owning Group nor that group's parents name an on-call. Add ${
            ANNOTATIONS.pagerDutyServiceId
          }, ${ANNOTATIONS.opsgenieTeam} or ${
            ANNOTATIONS.oncallRotation
          } (a rotation defined in the catalog)${this.moduleKeysHint()} to one of them.`,
        },
      };
    }
    const answer = await this.answerFor(choice, entity, chain, query);
    return {
      entityRef,
      ...answer,
      levels: await this.linkLevels(answer.levels, query.credentials),
    };
  }

  /** The answer of one chosen source, with escalation to the parent for rotations. */
  private async answerFor(
    choice: Choice,
    entity: Entity,
    chain: OnCallChain,
    query: { credentials: BackstageCredentials; now?: number },
  ): Promise<Omit<OnCallAnswer, 'entityRef'>> {
    const now = query.now ?? Date.now();
    const source = {
      annotation: choice.annotation,
      origin: choice.origin,
      entityRef: choice.entityRef,
    };
    const base = {
      source,
      asOf: new Date(now).toISOString(),
      stale: false,
      levels: [],
    };
    if (choice.annotation !== ANNOTATIONS.oncallRotation) {
      return this.providerAnswer(choice, base);
    }
    const parsed = parseRotation(choice.value);
    if ('error' in parsed) {
      return {
        ...base,
        provider: 'rotation',
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
        error: {
          reason: 'rotation-not-started',
          message: `The rotation on ${choice.entityRef} starts on ${parsed.rotation.start}`,
        },
      };
    }
    const levels: OnCallLevelAnswer[] = [
      {
        level: 1,
        people: [await this.person(shift.member, query.credentials)],
        until: new Date(shift.until).toISOString(),
        scheduleName: `${choice.entityRef} rotation`,
      },
    ];
    const parent =
      parsed.rotation.escalateToParent &&
      this.choose(entity, chain, choice.entityRef);
    if (!parent) return { ...base, provider: 'rotation', levels };
    const escalated = await this.answerFor(parent, entity, chain, query);
    return {
      ...base,
      provider: 'rotation',
      levels: [
        ...levels,
        ...escalated.levels.map(l => ({
          ...l,
          level: l.level + levels.length,
          entityRef: l.entityRef ?? parent.entityRef,
        })),
      ],
      incidents: escalated.incidents,
      stale: escalated.stale,
      asOf: escalated.stale ? escalated.asOf : base.asOf,
    };
  }

  private async providerAnswer(
    choice: Choice,
    base: Omit<OnCallAnswer, 'entityRef' | 'provider'>,
  ): Promise<Omit<OnCallAnswer, 'entityRef'>> {
    const answer = await this.options.providers.now(choice);
    if ('error' in answer) return { ...base, ...answer };
    return {
      ...base,
      provider: answer.provider,
      levels: answer.value.levels,
      incidents: answer.value.incidents,
      asOf: answer.asOf,
      stale: answer.stale,
    };
  }

  /** Shifts of the entity's on-call in `[from, to)`: its catalog rotation's or its provider's. */
  async getShifts(
    ref: CompoundEntityRef,
    query: { credentials: BackstageCredentials; from: number; to: number },
  ): Promise<ShiftsAnswer> {
    const { entity } = await entityReader(this.options).read(
      ref,
      query.credentials,
    );
    const choice = this.choose(
      entity,
      await this.chainOf(entity, query.credentials),
    );
    const base = { asOf: new Date().toISOString(), stale: false, items: [] };
    if (!choice) {
      return {
        ...base,
        provider: null,
        error: {
          reason: 'no-oncall-annotation',
          message: `${stringifyEntityRef(
            entity,
          )} has no on-call in its chain; see GET /entities/…/oncall for how to add one`,
        },
      };
    }
    if (choice.annotation === ANNOTATIONS.oncallRotation) {
      const parsed = parseRotation(choice.value);
      if ('error' in parsed) {
        return {
          ...base,
          provider: 'rotation',
          error: { reason: 'invalid-rotation', message: parsed.error },
        };
      }
      const shifts = rotationShifts(parsed.rotation, query.from, query.to, 200);
      const people = new Map<string, OnCallPerson>();
      for (const member of new Set(shifts.map(s => s.member))) {
        people.set(member, await this.person(member, query.credentials));
      }
      return {
        ...base,
        provider: 'rotation',
        items: shifts.map(shift => ({
          person: people.get(shift.member)!,
          from: new Date(shift.from).toISOString(),
          until: new Date(shift.until).toISOString(),
          level: 1,
          scheduleName: `${choice.entityRef} rotation`,
        })),
      };
    }
    const answer = await this.options.providers.shifts(choice, query);
    if ('error' in answer) return { ...base, ...answer };
    const people = await linkPeople(
      this.options.catalog,
      answer.value.map(i => i.person),
      query.credentials,
    );
    return {
      provider: answer.provider,
      asOf: answer.asOf,
      stale: answer.stale,
      items: answer.value.map((item, i) => ({ ...item, person: people[i] })),
    };
  }

  /** The entity's System, its owning Group and that group's ancestors, read as the caller. */
  async chainOf(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<OnCallChain> {
    const [chain] = await onCallChains(
      this.options.catalog,
      [entity],
      credentials,
    );
    return chain;
  }

  /** Links each level's people to catalog Users, in one catalog query. */
  private async linkLevels(
    levels: OnCallLevelAnswer[],
    credentials: BackstageCredentials,
  ): Promise<OnCallLevelAnswer[]> {
    const linked = await linkPeople(
      this.options.catalog,
      levels.flatMap(l => l.people),
      credentials,
    );
    let next = 0;
    return levels.map(l => ({
      ...l,
      people: l.people.map(() => linked[next++]),
    }));
  }

  private person(memberRef: string, credentials: BackstageCredentials) {
    return catalogPerson(this.options.catalog, memberRef, credentials);
  }
}
