import { ANNOTATIONS, ANNOTATION_PREFIXES } from '../annotations';
import { toSafeHttpUrl } from './safeUrl';
import { BUILT_IN_LINKS, iconOfAnnotation } from './builtInLinks';

/**
 * The groups of the platform links card, in display order.
 *
 * @public
 */
export const LINK_GROUPS = [
  { id: 'cicd', title: 'CI/CD' },
  { id: 'observability', title: 'Observability' },
  { id: 'runtime', title: 'Cloud & runtime' },
  { id: 'docs', title: 'Docs' },
  { id: 'chat', title: 'Chat' },
  { id: 'other', title: 'Other links' },
] as const;

/**
 * One of {@link LINK_GROUPS}.
 *
 * @public
 */
export type LinkGroupId = (typeof LINK_GROUPS)[number]['id'];

/**
 * The tools the links card has an icon for; `link` is the generic one, for plain
 * `metadata.links`.
 *
 * @public
 */
export type LinkIconId =
  | 'github'
  | 'gitlab'
  | 'jenkins'
  | 'circleci'
  | 'argocd'
  | 'kubernetes'
  | 'grafana'
  | 'datadog'
  | 'prometheus'
  | 'sentry'
  | 'newrelic'
  | 'aws'
  | 'techdocs'
  | 'chat'
  | 'link';

/**
 * A link on the platform links card. The URL is always an absolute `http:`/`https:` URL.
 *
 * @public
 */
export interface EntityLink {
  /** What the link says. */
  title: string;
  /** Absolute http(s) URL. */
  url: string;
  /** Card group. */
  group: LinkGroupId;
  /** Which tool's icon. */
  icon: LinkIconId;
  /** What the link came from: an annotation key, `metadata.links` or a template's title. */
  from: string;
}

/**
 * A link template from `opsdeck.links.templates`: turns an annotation (or the entity's name)
 * into a URL, e.g. a Grafana or cloud console URL.
 *
 * @public
 */
export interface LinkTemplate {
  /** What the link says. */
  title: string;
  /**
   * Must start with a literal `https://` or `http://`; placeholders `{{annotation:<key>}}`,
   * `{{entity.name}}`, `{{entity.namespace}}`, each substituted value URL-encoded.
   */
  url: string;
  /** Card group. */
  group: LinkGroupId;
  /** Icon; when left out, the icon of the tool `when` belongs to. */
  icon?: LinkIconId;
  /** The annotation the entity must carry for the link to show. */
  when: string;
}

/**
 * The parts of an entity the links read (a structural subset of `Entity`).
 *
 * @public
 */
export interface LinkEntityInput {
  /** Entity kind. */
  kind: string;
  /** Name, namespace, annotations and `metadata.links`. */
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    links?: Array<{
      url: string;
      title?: string;
      type?: string;
      icon?: string;
    }>;
  };
}

const ICONS = new Set<string>([
  'github',
  'gitlab',
  'jenkins',
  'circleci',
  'argocd',
  'kubernetes',
  'grafana',
  'datadog',
  'prometheus',
  'sentry',
  'newrelic',
  'aws',
  'techdocs',
  'chat',
  'link',
]);
const GROUPS = new Set<string>(LINK_GROUPS.map(g => g.id));

/**
 * Checks link templates from config, naming the entry and field of the first bad one.
 *
 * @public
 */
export function parseLinkTemplates(value: unknown): LinkTemplate[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new Error('opsdeck.links.templates: must be a list');
  }
  return value.map((raw, i) => {
    const at = `opsdeck.links.templates[${i}]`;
    const t = raw as Partial<LinkTemplate>;
    for (const field of ['title', 'url', 'group', 'when'] as const) {
      if (typeof t?.[field] !== 'string' || !t[field]!.trim()) {
        throw new Error(`${at}.${field}: required, a non-empty string`);
      }
    }
    if (!/^https?:\/\//i.test(t.url!)) {
      throw new Error(`${at}.url: must start with https:// or http://`);
    }
    if (!GROUPS.has(t.group!)) {
      throw new Error(
        `${at}.group: one of ${[...GROUPS].join(', ')}, not ${t.group}`,
      );
    }
    if (t.icon !== undefined && !ICONS.has(t.icon)) {
      throw new Error(`${at}.icon: one of ${[...ICONS].join(', ')}`);
    }
    return t as LinkTemplate;
  });
}

/**
 * Fills a template's placeholders for an entity (each value URL-encoded); undefined when the
 * entity lacks an annotation the template uses or the result is not an http(s) URL.
 *
 * @public
 */
export function renderLinkTemplate(
  template: Pick<LinkTemplate, 'url' | 'when'>,
  entity: LinkEntityInput,
): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (!annotations[template.when]?.trim()) return undefined;
  // The literal scheme is checked before substitution, so no value can change it.
  if (!/^https?:\/\//i.test(template.url)) return undefined;
  let missing = false;
  const url = template.url.replace(
    /\{\{\s*(annotation:([^}]+?)|entity\.name|entity\.namespace)\s*\}\}/g,
    (_match, what: string, key?: string) => {
      let value: string | undefined;
      if (key !== undefined) value = annotations[key.trim()]?.trim();
      else if (what === 'entity.name') value = entity.metadata.name;
      else value = entity.metadata.namespace ?? 'default';
      if (!value) missing = true;
      return encodeURIComponent(value ?? '');
    },
  );
  return missing ? undefined : toSafeHttpUrl(url);
}

/** `metadata.links` types (and words in titles) that name a group. */
const LINK_TYPE_GROUPS: Array<[RegExp, LinkGroupId, LinkIconId]> = [
  [/slack|chat|teams|discord|mattermost/i, 'chat', 'chat'],
  [/runbook|docs?\b|documentation|wiki|handbook|playbook/i, 'docs', 'link'],
  [
    /dashboard|grafana|metrics|logs|monitor|alert|trac(e|ing)/i,
    'observability',
    'link',
  ],
  [/ci\b|cd\b|pipeline|build|deploy|release|repo/i, 'cicd', 'link'],
  [/console|cloud|aws|gcp|azure|cluster|kubernetes/i, 'runtime', 'link'],
];

function groupOfLink(link: {
  type?: string;
  title?: string;
  url: string;
}): [LinkGroupId, LinkIconId] {
  for (const text of [link.type, link.title, link.url]) {
    if (!text) continue;
    const match = LINK_TYPE_GROUPS.find(([re]) => re.test(text));
    if (match) return [match[1], match[2]];
  }
  return ['other', 'link'];
}

/**
 * Every link the platform links card shows for an entity: built-in links from well-known
 * annotations, the configured templates whose annotation the entity carries, and its
 * `metadata.links`. Only absolute `http:`/`https:` URLs survive; duplicates (same URL) are
 * dropped, the first kept.
 *
 * @public
 */
export function entityLinks(
  entity: LinkEntityInput,
  templates: readonly LinkTemplate[] = [],
): EntityLink[] {
  const annotations = entity.metadata.annotations ?? {};
  const out: EntityLink[] = [];
  const seen = new Set<string>();
  const add = (link: Omit<EntityLink, 'url'> & { url: string | undefined }) => {
    const url = toSafeHttpUrl(link.url);
    if (!url || seen.has(url)) return;
    seen.add(url);
    out.push({ ...link, url });
  };
  for (const b of BUILT_IN_LINKS) {
    const value = annotations[b.annotation]?.trim();
    if (!value) continue;
    add({
      title: b.title,
      url: b.url(value),
      group: b.group,
      icon: b.icon,
      from: b.annotation,
    });
  }
  for (const t of templates) {
    add({
      title: t.title,
      url: renderLinkTemplate(t, entity),
      group: t.group,
      icon: t.icon ?? iconOfAnnotation(t.when),
      from: t.when,
    });
  }
  for (const link of entity.metadata.links ?? []) {
    const [group, icon] = groupOfLink(link);
    add({
      title: link.title || link.url,
      url: link.url,
      group,
      icon,
      from: 'metadata.links',
    });
  }
  return out;
}

/**
 * The annotations the card could turn into links with a template but has none for: what to
 * configure in `opsdeck.links.templates` (Jenkins, Argo CD, Kubernetes, Grafana selectors,
 * Prometheus, AWS, GitLab project ids, bare Sentry projects).
 *
 * @public
 */
export function annotationsWithoutLinks(
  entity: LinkEntityInput,
  templates: readonly LinkTemplate[] = [],
): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const templated = new Set(templates.map(t => t.when));
  const wanting = [
    ANNOTATIONS.jenkinsJobFullName,
    ANNOTATIONS.argocdAppName,
    ANNOTATIONS.kubernetesId,
    ANNOTATIONS.grafanaDashboardSelector,
    ANNOTATIONS.prometheusRule,
    ANNOTATIONS.gitlabProjectId,
  ];
  return Object.keys(annotations).filter(
    key =>
      annotations[key]?.trim() &&
      !templated.has(key) &&
      (wanting.includes(key as (typeof wanting)[number]) ||
        key.startsWith(ANNOTATION_PREFIXES.aws)),
  );
}
