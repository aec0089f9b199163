import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import {
  ANNOTATIONS,
  OnCallCandidate,
  OnCallOrigin,
  chooseOnCallSource,
  parseRotation,
  rotationShiftAt,
  rotationShifts,
  toSafeHttpUrl,
} from '@opsdeck/backstage-plugin-common';
import {
  OpsDeckOnCallIncident,
  OpsDeckOnCallProvider,
  ProviderHttpError,
} from '@opsdeck/backstage-plugin-node';
import { ProviderAnswerCache } from './ProviderAnswerCache';
import { profileOf, relationTargets } from '../catalog/entities';
import { readEntityAsCaller } from '../catalog/readEntity';

/** One person on call, matched to a catalog User where possible. @internal */
export type OnCallPerson = {
  name: string;
  email?: string;
  /** The catalog User, when exactly one matches. */
  userRef?: string;
};

/** One escalation level of an answer. @internal */
export type OnCallLevelAnswer = {
  level: number;
  people: OnCallPerson[];
  /** End of the current shift, ISO 8601. */
  until?: string;
  scheduleName?: string;
  /** The entity whose on-call this level is, when the level was escalated to a parent. */
  entityRef?: string;
};

/** The answer of `GET /entities/…/oncall`. @internal */
export type OnCallAnswer = {
  entityRef: string;
  /** `rotation`, or the id of the provider that answered; null when nothing is known. */
  provider: string | null;
  /** Where the on-call annotation came from, when one was found. */
  source?: { annotation: string; origin: OnCallOrigin; entityRef: string };
  levels: OnCallLevelAnswer[];
  /** Open incidents or alerts, when the provider has them. */
  incidents?: OpsDeckOnCallIncident[];
  /** When the answer was true, ISO 8601. */
  asOf: string;
  /** True when the provider could not be reached and this is its last-known answer. */
  stale: boolean;
  /** Why there are no levels, and how to fix it. */
  error?: { reason: string; message: string };
};

/** The answer of `GET /oncall/shifts`. @internal */
export type ShiftsAnswer = {
  provider: string | null;
  items: Array<{
    person: OnCallPerson;
    from: string;
    until: string;
    level: number;
    scheduleName?: string;
  }>;
  asOf: string;
  stale: boolean;
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

type Choice = NonNullable<ReturnType<typeof chooseOnCallSource>>;

const HOUR = 3_600_000;

const failure = (
  error: unknown,
  provider: OpsDeckOnCallProvider,
): { reason: string; message: string } => {
  const name = provider.title ?? provider.id;
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof ProviderHttpError && !error.transient
    ? {
        reason: 'provider-rejected',
        message: `${name} refused the request: ${message}. Check the annotation's value and the ${provider.id} credentials in opsdeck.oncall.${provider.id}.`,
      }
    : {
        reason: 'provider-unavailable',
        message: `${name} could not be reached and no earlier answer is known yet: ${message}. OpsDeck will try again on the next request.`,
      };
};

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
      providers: () => OpsDeckOnCallProvider[];
      cache: ProviderAnswerCache;
      /** `opsdeck.oncall.<provider>.cacheTtl` in ms. */
      ttlMsOf: (providerId: string) => number;
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
    const entityRef = stringifyEntityRef(entity);
    const choice = chooseOnCallSource(candidates(entity, chain));
    if (!choice) {
      return {
        entityRef,
        asOf: new Date(query.now ?? Date.now()).toISOString(),
        stale: false,
        levels: [],
        provider: null,
        error: {
          reason: 'no-oncall-annotation',
          message: `Neither ${entityRef}, its System, its owning Group nor that group's parents name an on-call. Add ${ANNOTATIONS.pagerDutyServiceId}, ${ANNOTATIONS.opsgenieTeam} or ${ANNOTATIONS.oncallRotation} (a rotation defined in the catalog) to one of them.`,
        },
      };
    }
    const answer = await this.answerFor(choice, entity, chain, query);
    return {
      entityRef,
      ...answer,
      levels: await this.matchUsers(answer.levels, query.credentials),
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
      chooseOnCallSource(candidates(entity, chain), {
        after: choice.entityRef,
      });
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
    const provider = this.providerFor(choice.annotation);
    if (!provider) {
      return {
        ...base,
        provider: null,
        error: {
          reason: 'no-provider',
          message: `${choice.entityRef} names its on-call with ${choice.annotation}, but no OpsDeck on-call provider for it is installed in this backend`,
        },
      };
    }
    try {
      const { value, asOf, stale } = await this.options.cache.get(
        ProviderAnswerCache.key(
          'now',
          provider.id,
          choice.annotation,
          choice.value,
        ),
        {
          ttlMs: this.options.ttlMsOf(provider.id),
          load: async () => {
            const result = await provider.getOnCall({
              annotation: choice.annotation,
              value: choice.value,
            });
            return {
              levels: result.levels.map(l => ({
                level: l.level,
                people: l.people.map(p => ({ name: p.name, email: p.email })),
                until: l.until,
                scheduleName: l.scheduleName,
              })),
              incidents: (result.incidents ?? []).map(i => ({
                ...i,
                url: toSafeHttpUrl(i.url),
              })),
            } as JsonObject;
          },
          handoffsOf: v =>
            (v.levels as OnCallLevelAnswer[]).flatMap(l =>
              l.until ? [Date.parse(l.until)] : [],
            ),
        },
      );
      const cached = value as unknown as Pick<
        OnCallAnswer,
        'levels' | 'incidents'
      >;
      return {
        ...base,
        provider: provider.id,
        levels: cached.levels,
        incidents: cached.incidents,
        asOf: new Date(asOf).toISOString(),
        stale,
      };
    } catch (error) {
      return {
        ...base,
        provider: provider.id,
        error: failure(error, provider),
      };
    }
  }

  private providerFor(annotation: string) {
    return this.options
      .providers()
      .find(p => p.annotations.includes(annotation));
  }

  /** Shifts of the entity's on-call in `[from, to)`: its catalog rotation's or its provider's. */
  async getShifts(
    ref: CompoundEntityRef,
    query: { credentials: BackstageCredentials; from: number; to: number },
  ): Promise<ShiftsAnswer> {
    const { entity } = await readEntityAsCaller(
      this.options.catalog,
      ref,
      query.credentials,
    );
    const choice = chooseOnCallSource(
      candidates(entity, await this.chainOf(entity, query.credentials)),
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
    const provider = this.providerFor(choice.annotation);
    if (!provider?.getShifts) {
      return {
        ...base,
        provider: provider?.id ?? null,
        error: {
          reason: 'no-shifts',
          message: provider
            ? `${provider.title ?? provider.id} does not list upcoming shifts`
            : `no OpsDeck on-call provider for ${choice.annotation} is installed in this backend`,
        },
      };
    }
    // Windows are cached per hour so "the next 28 days" asked every minute shares one answer.
    const from = Math.floor(query.from / HOUR) * HOUR;
    const to = Math.ceil(query.to / HOUR) * HOUR;
    try {
      const { value, asOf, stale } = await this.options.cache.get(
        ProviderAnswerCache.key(
          'shifts',
          provider.id,
          choice.annotation,
          choice.value,
          String(from),
          String(to),
        ),
        {
          ttlMs: this.options.ttlMsOf(provider.id),
          load: async () =>
            (
              await provider.getShifts!({
                annotation: choice.annotation,
                value: choice.value,
                from: new Date(from),
                to: new Date(to),
              })
            ).map(s => ({
              person: { name: s.person.name, email: s.person.email },
              from: s.from,
              until: s.until,
              level: s.level,
              scheduleName: s.scheduleName,
            })) as JsonObject[],
        },
      );
      const items = value as unknown as ShiftsAnswer['items'];
      const matched = await this.matchUsers(
        [{ level: 0, people: items.map(i => i.person) }],
        query.credentials,
      );
      return {
        provider: provider.id,
        asOf: new Date(asOf).toISOString(),
        stale,
        items: items
          .map((item, i) => ({ ...item, person: matched[0].people[i] }))
          .filter(
            i =>
              Date.parse(i.until) > query.from && Date.parse(i.from) < query.to,
          ),
      };
    } catch (error) {
      return {
        ...base,
        provider: provider.id,
        error: failure(error, provider),
      };
    }
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

  /**
   * Links provider people to catalog Users by `spec.profile.email`, case-insensitively, in one
   * catalog query as the caller; a person with no or several matching Users gets no link.
   */
  private async matchUsers(
    levels: OnCallLevelAnswer[],
    credentials: BackstageCredentials,
  ): Promise<OnCallLevelAnswer[]> {
    const emails = new Set(
      levels.flatMap(l =>
        l.people.flatMap(p =>
          p.email && !p.userRef ? [p.email.toLowerCase()] : [],
        ),
      ),
    );
    if (emails.size === 0) return levels;
    const { items } = await this.options.catalog.getEntities(
      {
        filter: [...emails].map(email => ({
          kind: 'User',
          'spec.profile.email': email,
        })),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.profile.email',
        ],
      },
      { credentials },
    );
    const byEmail = new Map<string, string[]>();
    for (const user of items) {
      const email = (
        user.spec?.profile as { email?: string } | undefined
      )?.email?.toLowerCase();
      if (!email || !emails.has(email)) continue;
      byEmail.set(email, [
        ...(byEmail.get(email) ?? []),
        stringifyEntityRef(user),
      ]);
    }
    return levels.map(l => ({
      ...l,
      people: l.people.map(p => {
        const refs = p.email ? byEmail.get(p.email.toLowerCase()) : undefined;
        return refs?.length === 1 && !p.userRef
          ? { ...p, userRef: refs[0] }
          : p;
      }),
    }));
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
