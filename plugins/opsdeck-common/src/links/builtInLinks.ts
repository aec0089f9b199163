import { ANNOTATIONS, ANNOTATION_PREFIXES } from '../annotations';
import type { LinkGroupId, LinkIconId } from './entityLinks';

// The built-in part of the links card: which tool an annotation belongs to, and the links a
// well-known annotation makes on its own.

/** The tool an annotation key belongs to, for templates that name no icon. */
const ANNOTATION_ICONS: Array<[string, LinkIconId]> = [
  ['github.com/', 'github'],
  [ANNOTATION_PREFIXES.gitlab, 'gitlab'],
  ['jenkins.io/', 'jenkins'],
  ['circleci.com/', 'circleci'],
  ['argocd/', 'argocd'],
  [ANNOTATIONS.kubernetesId, 'kubernetes'],
  ['grafana/', 'grafana'],
  ['datadoghq.com/', 'datadog'],
  ['prometheus.io/', 'prometheus'],
  ['sentry.io/', 'sentry'],
  ['newrelic.com/', 'newrelic'],
  [ANNOTATION_PREFIXES.aws, 'aws'],
  [ANNOTATIONS.techdocsRef, 'techdocs'],
];

/**
 * The icon of the tool an annotation belongs to (`argocd/app-name` → `argocd`); `link` for
 * anything else.
 *
 * @public
 */
export function iconOfAnnotation(key: string): LinkIconId {
  return (
    ANNOTATION_ICONS.find(([prefix]) => key.startsWith(prefix))?.[1] ?? 'link'
  );
}

type BuiltIn = {
  annotation: string;
  title: string;
  group: LinkGroupId;
  icon: LinkIconId;
  /** The URL from the annotation's value; undefined when the value cannot make one. */
  url: (value: string) => string | undefined;
};

const seg = (value: string) =>
  value
    .split('/')
    .map(part => encodeURIComponent(part))
    .join('/');

/** Links OpsDeck can build from a well-known annotation alone, without a template. @internal */
export const BUILT_IN_LINKS: readonly BuiltIn[] = [
  {
    annotation: ANNOTATIONS.githubProjectSlug,
    title: 'GitHub repository',
    group: 'cicd',
    icon: 'github',
    url: v => `https://github.com/${seg(v)}`,
  },
  {
    annotation: ANNOTATIONS.githubProjectSlug,
    title: 'GitHub Actions',
    group: 'cicd',
    icon: 'github',
    url: v => `https://github.com/${seg(v)}/actions`,
  },
  {
    annotation: ANNOTATIONS.gitlabProjectSlug,
    title: 'GitLab pipelines',
    group: 'cicd',
    icon: 'gitlab',
    url: v => `https://gitlab.com/${seg(v)}/-/pipelines`,
  },
  {
    annotation: ANNOTATIONS.circleciProjectSlug,
    title: 'CircleCI pipelines',
    group: 'cicd',
    icon: 'circleci',
    url: v => `https://app.circleci.com/pipelines/${seg(v)}`,
  },
  {
    annotation: ANNOTATIONS.grafanaOverviewDashboard,
    title: 'Grafana dashboard',
    group: 'observability',
    icon: 'grafana',
    url: v => v,
  },
  {
    annotation: ANNOTATIONS.datadogDashboardUrl,
    title: 'Datadog dashboard',
    group: 'observability',
    icon: 'datadog',
    url: v => v,
  },
  {
    annotation: ANNOTATIONS.sentryProjectSlug,
    title: 'Sentry issues',
    group: 'observability',
    icon: 'sentry',
    // `org/project`; a bare project needs a template that knows the organisation.
    url: v => {
      const [org, project] = v.split('/');
      return org && project
        ? `https://sentry.io/organizations/${seg(org)}/projects/${seg(
            project,
          )}/`
        : undefined;
    },
  },
  {
    annotation: ANNOTATIONS.newrelicDashboardGuid,
    title: 'New Relic dashboard',
    group: 'observability',
    icon: 'newrelic',
    url: v => `https://one.newrelic.com/redirect/entity/${seg(v)}`,
  },
];
