import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  EntityLink,
  LinkIconId,
  LinkTemplate,
} from '@opsdeck/backstage-plugin-common';
import { OpsDeckT } from '../../translation';

/** Tools recognised in a plain link's host name, for links from `metadata.links`. */
const HOST_TOOLS: Array<[RegExp, ToolId]> = [
  [/github/i, 'github'],
  [/gitlab/i, 'gitlab'],
  [/grafana/i, 'grafana'],
  [/datadog/i, 'datadog'],
  [/sentry/i, 'sentry'],
  [/newrelic/i, 'newrelic'],
  [/slack/i, 'slack'],
  [/jenkins/i, 'jenkins'],
  [/circleci/i, 'circleci'],
  [/argo-?cd/i, 'argocd'],
  [/prometheus/i, 'prometheus'],
  [/kubernetes|k8s/i, 'kubernetes'],
  [/aws\.amazon|amazonaws/i, 'aws'],
];

type ToolId = LinkIconId | 'githubActions' | 'slack';

/** Annotations whose value is a URL or an opaque id: the link names the entity's overview. */
const OVERVIEW_ANNOTATIONS = new Set<string>([
  ANNOTATIONS.grafanaOverviewDashboard,
  ANNOTATIONS.datadogDashboardUrl,
  ANNOTATIONS.newrelicDashboardGuid,
]);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

function toolName(tool: ToolId, t: OpsDeckT): string {
  return t(`links.tools.${tool}`);
}

/**
 * What a link says — the tool and the target, "GitHub · acme/checkout-api" — and, for the
 * hover text, what produced it (an annotation, a link template or `metadata.links`).
 */
export function describeLink(
  link: Pick<EntityLink, 'title' | 'url' | 'icon' | 'from'>,
  entity: Entity,
  templates: readonly LinkTemplate[],
  t: OpsDeckT,
): { label: string; source: string } {
  const name = entity.metadata.title ?? entity.metadata.name;
  const annotations = entity.metadata.annotations ?? {};
  if (link.from === 'metadata.links') {
    const host = hostOf(link.url);
    const known = HOST_TOOLS.find(([re]) => re.test(host))?.[1];
    const tool = known ? toolName(known, t) : host;
    const target = link.title && link.title !== link.url ? link.title : host;
    return {
      label: target === tool ? tool : t('links.label', { tool, target }),
      source: t('links.fromMetadataLinks'),
    };
  }
  const value = annotations[link.from]?.trim() ?? '';
  if (link.icon === 'techdocs') {
    return {
      label: t('links.label', { tool: toolName('techdocs', t), target: name }),
      source: t('links.fromAnnotation', { annotation: link.from }),
    };
  }
  const template = templates.find(
    tm => tm.when === link.from && tm.title === link.title,
  );
  if (template) {
    const tool = link.icon === 'link' ? template.title : toolName(link.icon, t);
    return {
      label: t('links.label', { tool, target: value || name }),
      source: t('links.fromTemplate', {
        title: template.title,
        annotation: link.from,
      }),
    };
  }
  const actions = link.icon === 'github' && /\/actions\/?$/.test(link.url);
  const tool = toolName(actions ? 'githubActions' : link.icon, t);
  const target =
    OVERVIEW_ANNOTATIONS.has(link.from) || !value
      ? t('links.overview', { name })
      : value;
  return {
    label: t('links.label', { tool, target }),
    source: t('links.fromAnnotation', { annotation: link.from }),
  };
}
