import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import { configApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { createFromTemplateRouteRef } from '../routes';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  DEFAULT_DORA_GUIDANCE,
  DEFAULT_PLATFORM_DOMAINS,
  DoraGuidance,
  DoraMetricName,
  PlatformDomain,
  PlatformDomainId,
  isPlatformDomainId,
  resolveDomainOwner,
  toSafeHttpUrl,
} from '@opsdeck/backstage-plugin-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { opsdeckTranslationRef } from '../translation';

/** A golden path: a scaffolder Template annotated with a platform domain. */
export interface GoldenPath {
  entityRef: string;
  title: string;
  description?: string;
  /** The owning group's ref. */
  owner?: string;
  /** Path of its form in the scaffolder. */
  path: string;
  /** Entities created from it (`backstage.io/source-template`) and the teams that own them. */
  adoption: { entities: string[]; teams: string[] };
}

/** A platform domain with where it lives in the catalog. */
export interface DomainHome extends PlatformDomain {
  /** Icon name from config (`opsdeck.platform.domains[].icon`); the domain's own by default. */
  icon?: string;
  /** The System (else Group) annotated with the domain: where its section links to. */
  home?: { entityRef: string; title: string };
  /** Who owns it, by OpsDeck's one rule (see `resolveDomainOwner`). */
  team?: { entityRef: string; title: string };
  /** Why nobody owns it, when nobody does. */
  ownerProblem?: {
    problem: 'no-home' | 'two-homes' | 'home-without-owner';
    homes: string[];
  };
  /** Systems, Resources, Components and APIs annotated with the domain. */
  offers: Array<{
    entityRef: string;
    kind: string;
    title: string;
    description?: string;
  }>;
  /** Its golden paths. */
  goldenPaths: GoldenPath[];
  /** Docs and "how to request" links from the team's and the Systems' `metadata.links` (http(s) only). */
  links: Array<{ title: string; url: string; type?: string }>;
}

/**
 * The domains from `opsdeck.platform.domains` (titles and descriptions over the defaults, which
 * come from the translation ref).
 */
export function useDomainConfig(): Array<
  PlatformDomain & { icon?: string; owner?: string }
> {
  const config = useApi(configApiRef);
  const { t } = useTranslationRef(opsdeckTranslationRef);
  return useMemo(() => {
    const fallback = (id: PlatformDomainId): PlatformDomain => ({
      id,
      title: t(`domains.${id}.title`),
      description: t(`domains.${id}.description`),
    });
    const configured = config.getOptionalConfigArray(
      'opsdeck.platform.domains',
    );
    if (!configured) return DEFAULT_PLATFORM_DOMAINS.map(d => fallback(d.id));
    return configured.flatMap(c => {
      const id = c.getString('id');
      if (!isPlatformDomainId(id)) return [];
      const { title, description } = fallback(id);
      return [
        {
          id,
          title: c.getOptionalString('title') ?? title,
          description: c.getOptionalString('description') ?? description,
          owner: c.getOptionalString('owner'),
        },
      ];
    });
  }, [config, t]);
}

/**
 * The guidance per metric: `opsdeck.dora.guidance.<metric>` over OpsDeck's defaults (texts from
 * the translation ref, domains from `DEFAULT_DORA_GUIDANCE`).
 */
export function useDoraGuidance(): Record<DoraMetricName, DoraGuidance> {
  const config = useApi(configApiRef);
  const { t } = useTranslationRef(opsdeckTranslationRef);
  return useMemo(() => {
    const out = { ...DEFAULT_DORA_GUIDANCE };
    for (const name of Object.keys(out) as DoraMetricName[]) {
      const c = config.getOptionalConfig(`opsdeck.dora.guidance.${name}`);
      out[name] = {
        meaning:
          c?.getOptionalString('meaning') ?? t(`guidance.${name}.meaning`),
        helps: c?.getOptionalString('helps') ?? t(`guidance.${name}.helps`),
        domains:
          (c?.getOptionalStringArray('domains')?.filter(isPlatformDomainId) as
            | PlatformDomainId[]
            | undefined) ?? out[name].domains,
      };
    }
    return out;
  }, [config, t]);
}

const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;
const refOf = (e: Entity) => stringifyEntityRef(e);
const ownerOf = (e: Entity) =>
  e.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef;

/** Template refs as `backstage.io/source-template` names them, normalised. */
function templateRef(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'template',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The platform domains with what the catalog holds for them — owning team, offers, golden paths
 * (with adoption when asked), docs and request links — in one or two catalog queries as the
 * signed-in user.
 */
/** A template's form: the bound scaffolder route, else the scaffolder's usual path. */
function templatePath(
  route:
    | ((params: { namespace: string; templateName: string }) => string)
    | undefined,
  template: Entity,
): string {
  const namespace = template.metadata.namespace ?? 'default';
  const templateName = template.metadata.name;
  return route
    ? route({ namespace, templateName })
    : `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(
        templateName,
      )}`;
}

export function usePlatformDomains(options: { adoption?: boolean } = {}) {
  const catalogApi = useApi(catalogApiRef);
  // The scaffolder's form for a template, wherever the app mounts it.
  const createFromTemplate = useRouteRef(createFromTemplateRouteRef);
  const domains = useDomainConfig();
  const { adoption = false } = options;
  return useAsync(async (): Promise<DomainHome[]> => {
    const [{ items }, created] = await Promise.all([
      catalogApi.getEntities({
        filter: {
          [`metadata.annotations.${ANNOTATIONS.platformDomain}`]:
            CATALOG_FILTER_EXISTS,
        },
      }),
      adoption
        ? catalogApi.getEntities({
            filter: {
              [`metadata.annotations.${ANNOTATIONS.sourceTemplate}`]:
                CATALOG_FILTER_EXISTS,
            },
            fields: ['kind', 'metadata', 'relations'],
          })
        : Promise.resolve({ items: [] as Entity[] }),
    ]);
    const adopters = new Map<string, Entity[]>();
    for (const e of created.items) {
      const ref = templateRef(
        e.metadata.annotations?.[ANNOTATIONS.sourceTemplate],
      );
      if (ref) adopters.set(ref, [...(adopters.get(ref) ?? []), e]);
    }
    const inDomainOf = (id: string) =>
      items.filter(
        e => e.metadata.annotations?.[ANNOTATIONS.platformDomain] === id,
      );
    const ownerships = new Map(
      domains.map(d => [
        d.id,
        resolveDomainOwner(d.id, inDomainOf(d.id), d.owner),
      ]),
    );
    const ownerRefs = [
      ...new Set([...ownerships.values()].flatMap(o => o.owner ?? [])),
    ];
    const owners = ownerRefs.length
      ? (
          await catalogApi.getEntitiesByRefs({
            entityRefs: ownerRefs,
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.title',
            ],
          })
        ).items
      : [];
    const ownerTitle = (ref: string) => {
      const entity = owners[ownerRefs.indexOf(ref)];
      return entity ? titleOf(entity) : parseEntityRef(ref).name;
    };
    return domains.map(domain => {
      const inDomain = inDomainOf(domain.id);
      const ownership = ownerships.get(domain.id)!;
      const of = (...kinds: string[]) =>
        inDomain.filter(e => kinds.includes(e.kind));
      const home = [...of('System'), ...of('Group')][0];
      const summary = (e: Entity) => ({
        entityRef: refOf(e),
        title: titleOf(e),
      });
      return {
        ...domain,
        ...(home ? { home: summary(home) } : {}),
        ...('problem' in ownership
          ? {
              ownerProblem: {
                problem: ownership.problem,
                homes: ownership.homes,
              },
            }
          : {
              team: {
                entityRef: ownership.owner,
                title: ownerTitle(ownership.owner),
              },
            }),
        offers: of('System', 'Resource', 'Component', 'API').map(e => ({
          ...summary(e),
          kind: e.kind,
          ...(e.metadata.description
            ? { description: e.metadata.description }
            : {}),
        })),
        goldenPaths: of('Template').map((t): GoldenPath => {
          const used = adopters.get(refOf(t)) ?? [];
          const owner = ownerOf(t);
          return {
            ...summary(t),
            ...(t.metadata.description
              ? { description: t.metadata.description }
              : {}),
            ...(owner ? { owner } : {}),
            path: templatePath(createFromTemplate, t),
            adoption: {
              entities: used.map(refOf),
              teams: [...new Set(used.flatMap(e => ownerOf(e) ?? []))].sort(),
            },
          };
        }),
        links: [...of('Group'), ...of('System')].flatMap(e =>
          (e.metadata.links ?? []).flatMap(link => {
            const url = toSafeHttpUrl(link.url);
            return url
              ? [
                  {
                    title: link.title ?? url,
                    url,
                    ...(link.type ? { type: link.type } : {}),
                  },
                ]
              : [];
          }),
        ),
      };
    });
  }, [catalogApi, domains, adoption]);
}
