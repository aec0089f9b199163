import { ANNOTATIONS, ANNOTATION_PREFIXES } from '../annotations';

/**
 * The integrations OpsDeck checks an entity for.
 *
 * @public
 */
export type CoverageIntegrationId =
  | 'owner'
  | 'oncall'
  | 'deployments'
  | 'incidents'
  | 'ci'
  | 'observability'
  | 'docs'
  | 'kubernetes';

/**
 * How an integration is detected and how to add it when it is missing.
 *
 * @public
 */
export interface CoverageIntegration {
  /** Stable id, used in the API. */
  id: CoverageIntegrationId;
  /** Name shown to users. */
  title: string;
  /** Annotation keys that satisfy it (first match wins, any one is enough). */
  annotations: readonly string[];
  /** Annotation key prefixes that satisfy it (any key under the prefix). */
  annotationPrefixes?: readonly string[];
  /** Entity kinds (lower case) it applies to; absent means every kind. */
  kinds?: readonly string[];
  /** What to add when it is missing, in the words a catalog-info.yaml author needs. */
  fix: string;
}

/**
 * The eight integrations, in the order the coverage card lists them.
 *
 * @public
 */
export const COVERAGE_INTEGRATIONS: readonly CoverageIntegration[] = [
  {
    id: 'owner',
    title: 'Owner',
    annotations: [],
    fix: 'Set spec.owner to the owning team, e.g. `owner: group:default/payments`.',
  },
  {
    id: 'oncall',
    title: 'On-call',
    annotations: [
      ANNOTATIONS.pagerDutyServiceId,
      ANNOTATIONS.pagerDutyIntegrationKey,
      ANNOTATIONS.opsgenieTeam,
      ANNOTATIONS.oncallRotation,
    ],
    fix: `Add \`${ANNOTATIONS.pagerDutyServiceId}\`, \`${ANNOTATIONS.opsgenieTeam}\` or a catalog rotation in \`${ANNOTATIONS.oncallRotation}\` (here, on its System or on the owning Group).`,
  },
  {
    id: 'deployments',
    title: 'Deployment events',
    annotations: [
      ANNOTATIONS.githubProjectSlug,
      ANNOTATIONS.gitlabProjectSlug,
      ANNOTATIONS.gitlabProjectId,
      ANNOTATIONS.argocdAppName,
      ANNOTATIONS.deploymentSource,
    ],
    kinds: ['component'],
    fix: `Add \`${ANNOTATIONS.githubProjectSlug}\`, \`${ANNOTATIONS.gitlabProjectSlug}\` or \`${ANNOTATIONS.argocdAppName}\` so webhook events map here, or \`${ANNOTATIONS.deploymentSource}: <source>:<key>\` for a custom CI.`,
  },
  {
    id: 'incidents',
    title: 'Incidents',
    annotations: [
      ANNOTATIONS.pagerDutyServiceId,
      ANNOTATIONS.opsgenieComponentSelector,
    ],
    kinds: ['component'],
    fix: `Add \`${ANNOTATIONS.pagerDutyServiceId}\` or \`${ANNOTATIONS.opsgenieComponentSelector}\` so incidents count for this service.`,
  },
  {
    id: 'ci',
    title: 'CI pipeline',
    annotations: [
      ANNOTATIONS.githubProjectSlug,
      ANNOTATIONS.jenkinsJobFullName,
      ANNOTATIONS.circleciProjectSlug,
    ],
    annotationPrefixes: [ANNOTATION_PREFIXES.gitlab],
    kinds: ['component'],
    fix: `Add \`${ANNOTATIONS.githubProjectSlug}\`, a \`gitlab.com/*\` annotation, \`${ANNOTATIONS.jenkinsJobFullName}\` or \`${ANNOTATIONS.circleciProjectSlug}\`.`,
  },
  {
    id: 'observability',
    title: 'Observability',
    annotations: [
      ANNOTATIONS.grafanaDashboardSelector,
      ANNOTATIONS.grafanaOverviewDashboard,
      ANNOTATIONS.datadogDashboardUrl,
      ANNOTATIONS.prometheusRule,
      ANNOTATIONS.sentryProjectSlug,
      ANNOTATIONS.newrelicDashboardGuid,
    ],
    fix: `Add a dashboard annotation such as \`${ANNOTATIONS.grafanaDashboardSelector}\`, \`${ANNOTATIONS.datadogDashboardUrl}\` or \`${ANNOTATIONS.sentryProjectSlug}\`.`,
  },
  {
    id: 'docs',
    title: 'Runbook & docs',
    annotations: [ANNOTATIONS.techdocsRef],
    fix: `Add \`${ANNOTATIONS.techdocsRef}: dir:.\` with an mkdocs.yml, or a metadata.links entry of type \`runbook\` or \`docs\`.`,
  },
  {
    id: 'kubernetes',
    title: 'Kubernetes',
    annotations: [ANNOTATIONS.kubernetesId],
    kinds: ['component'],
    fix: `Add \`${ANNOTATIONS.kubernetesId}: <app label>\` matching the workload's \`backstage.io/kubernetes-id\` label.`,
  },
];
