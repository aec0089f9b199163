/**
 * Annotation keys OpsDeck reads. Most are the ones teams already use for other Backstage
 * plugins; the `opsdeck.io/*` keys are OpsDeck's own and few on purpose.
 *
 * @public
 */
export const ANNOTATIONS = {
  // on-call and incidents
  pagerDutyServiceId: 'pagerduty.com/service-id',
  pagerDutyIntegrationKey: 'pagerduty.com/integration-key',
  opsgenieTeam: 'opsgenie.com/team',
  opsgenieComponentSelector: 'opsgenie.com/component-selector',
  oncallRotation: 'opsdeck.io/oncall-rotation',
  // source control and CI/CD
  githubProjectSlug: 'github.com/project-slug',
  gitlabProjectSlug: 'gitlab.com/project-slug',
  gitlabProjectId: 'gitlab.com/project-id',
  jenkinsJobFullName: 'jenkins.io/job-full-name',
  circleciProjectSlug: 'circleci.com/project-slug',
  argocdAppName: 'argocd/app-name',
  deploymentSource: 'opsdeck.io/deployment-source',
  // runtime and observability
  kubernetesId: 'backstage.io/kubernetes-id',
  grafanaDashboardSelector: 'grafana/dashboard-selector',
  grafanaOverviewDashboard: 'grafana/overview-dashboard',
  datadogDashboardUrl: 'datadoghq.com/dashboard-url',
  prometheusRule: 'prometheus.io/rule',
  /** OpenSLO v1 files (URLs, or paths relative to the catalog file), comma-separated. */
  openslo: 'opsdeck.io/openslo',
  sentryProjectSlug: 'sentry.io/project-slug',
  newrelicDashboardGuid: 'newrelic.com/dashboard-guid',
  // docs and platform
  techdocsRef: 'backstage.io/techdocs-ref',
  platformDomain: 'opsdeck.io/platform-domain',
  sourceTemplate: 'backstage.io/source-template',
} as const;

/**
 * Annotation key prefixes OpsDeck treats as a family (any key under them counts).
 *
 * @public
 */
export const ANNOTATION_PREFIXES = {
  gitlab: 'gitlab.com/',
  aws: 'aws.amazon.com/',
} as const;
