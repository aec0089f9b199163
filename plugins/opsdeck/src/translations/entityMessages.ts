// The entity pages' part of OpsDeck's messages: the cards and tabs of a service or a team.
// Composed in ../translation.ts.

/** @internal */
export const entityMessages = {
  cards: {
    ownership: 'Owner & on-call',
    dora: 'DORA metrics',
    links: 'Platform links',
    coverage: 'OpsDeck coverage',
    slo: 'SLOs and error budgets',
  },
  doraCard: {
    subheader:
      'Last {{days}} days vs the {{previousDays}} before · {{benchmark}}',
    deepLink: 'Delivery: trends and the events behind the numbers',
  },
  forAdmins: {
    summary: 'For admins',
  },
  glossaryLink: 'What the metrics and tiers mean',
  ownership: {
    partOf: 'part of {{chain}}',
    members_one: '{{count}} member: {{names}}',
    members_other: '{{count}} members: {{names}}',
    noOwner:
      'Nobody is named as this service’s owner yet. Ask {{whom}} who owns it.',
    noOwnerFix:
      'Set `spec.owner` to the owning team in the entity’s catalog-info.yaml.',
    oncallHeading: 'On call now',
  },
  oncall: {
    providers: {
      rotation: 'catalog rotation',
      pagerduty: 'PagerDuty',
      opsgenie: 'Opsgenie',
      jsm: 'Jira Service Management',
    },
    nobody: 'nobody',
    nobodyOnCall: 'Nobody is on call.',
    level: 'Level {{level}}: ',
    until: 'until {{instant}}',
    escalatedTo: 'escalated to {{entity}}',
    next: 'Next: {{person}} from {{instant}}',
    incidents_one: '{{count}} open incident: {{incidents}}',
    incidents_other: '{{count}} open incidents: {{incidents}}',
    from: 'from {{provider}}',
    fromVia: 'from {{provider}} via {{entity}}',
    asOf: 'as of {{instant}}',
    stale: 'stale',
    staleHint:
      'The on-call tool could not be reached; this is its last known answer.',
    subject: {
      service: 'this service',
      team: 'this team',
      domain: 'this domain',
    },
    notSetUp: 'On-call for {{subject}} is not set up yet — ask {{whom}}.',
    brokenRotation:
      'The on-call rotation of {{subject}} has a mistake — ask {{whom}} to fix it.',
    unreachable:
      'The on-call tool could not answer for {{subject}} right now. Try again later, or ask {{whom}}.',
    unknown: 'Who is on call for {{subject}} is not known right now.',
    loadFailed:
      'Who is on call for {{subject}} could not be loaded. Try again later.',
  },
  links: {
    groups: {
      cicd: 'CI/CD',
      observability: 'Observability',
      runtime: 'Cloud & runtime',
      docs: 'Docs',
      chat: 'Chat',
      other: 'Other links',
    },
    tools: {
      github: 'GitHub',
      githubActions: 'GitHub Actions',
      gitlab: 'GitLab',
      jenkins: 'Jenkins',
      circleci: 'CircleCI',
      argocd: 'Argo CD',
      kubernetes: 'Kubernetes',
      grafana: 'Grafana',
      datadog: 'Datadog',
      prometheus: 'Prometheus',
      sentry: 'Sentry',
      newrelic: 'New Relic',
      aws: 'AWS',
      techdocs: 'TechDocs',
      slack: 'Slack',
      chat: 'Chat',
      link: 'Link',
    },
    label: '{{tool}} · {{target}}',
    overview: '{{name}} overview',
    fromAnnotation: 'From the annotation {{annotation}} on this entity.',
    fromTemplate:
      'From the link template “{{title}}” for the annotation {{annotation}}.',
    fromMetadataLinks: 'From the links in this entity’s catalog entry.',
    empty:
      'No links yet. Ask {{whom}} to add the service’s tools to its catalog entry.',
    emptyFix:
      'Add annotations such as `github.com/project-slug` or `grafana/overview-dashboard`, `metadata.links`, or link templates in `opsdeck.links.templates`.',
    unlinked:
      'Add a link template in `opsdeck.links.templates` to link {{annotations}}.',
    badTemplates:
      'The link templates are not valid, so none is shown: {{error}}',
  },
  coverage: {
    present: 'present',
    missing: 'missing',
    from: 'from {{evidence}}',
    subheader: '{{present}} of {{applicable}} integrations',
    bar: 'coverage',
    noAnswer: 'No answer from OpsDeck',
    acrossServices_one:
      '{{present}} of {{applicable}} integrations across {{count}} service',
    acrossServices_other:
      '{{present}} of {{applicable}} integrations across {{count}} services',
    integration: '{{title}}: {{present}} of {{applicable}}',
    integrationBar: '{{title}} coverage',
    integrations: {
      owner: 'Owner',
      oncall: 'On-call',
      deployments: 'Deployment events',
      incidents: 'Incidents',
      ci: 'CI pipeline',
      observability: 'Observability',
      docs: 'Runbook & docs',
      kubernetes: 'Kubernetes',
    },
  },
  freshness: {
    until: 'Counts events received until {{instant}}',
    nothing: 'No events counted yet',
    pending_one:
      '{{count}} newer event is still being counted — reload in a moment',
    pending_other:
      '{{count}} newer events are still being counted — reload in a moment',
  },
  windows: {
    label: 'Window',
    days_one: '{{count}} day',
    days_other: '{{count}} days',
    last_one: 'Last {{count}} day',
    last_other: 'Last {{count}} days',
  },
  services: {
    service: 'Service',
    owner: 'Owner',
    oncall: 'On call now',
    loading: '…',
    notSet: 'not set',
    unknown: 'unknown',
    coverage: 'Coverage',
    empty:
      'No services yet. Ask the team’s lead to register the services it owns in the catalog.',
    emptyFix: 'Set `spec.owner` on a Component to this team to see it here.',
  },
  delivery: {
    title: 'Delivery',
    subheader: 'Last {{days}} days vs the {{days}} before (UTC days)',
    trends: 'Weekly trends',
    timeline: 'Timeline',
    timelineSubheader:
      'The deployments, rollbacks and incidents behind the numbers',
  },
  team: {
    title: 'Team delivery',
    subheader:
      'Everything {{name}} owns · last {{days}} days vs the {{days}} before',
    subheaderWithChildren:
      'Everything {{name}} owns, with its child teams · last {{days}} days vs the {{days}} before',
    includeChildren: 'Include child teams',
    medians:
      'Medians over all the team’s events, not a mean of the services’ medians.',
    oncall: 'Team on-call',
    upcoming: 'Upcoming shifts',
    coverage: 'Integration coverage',
    services: 'Services',
  },
} as const;
