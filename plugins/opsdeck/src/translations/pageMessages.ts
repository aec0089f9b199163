// The pages' part of OpsDeck's messages: org overview, platform page with its domains and
// access requests (onboarding: onboardingMessages.ts). Composed in ../translation.ts.

/** @internal */
export const pageMessages = {
  org: {
    title: 'Delivery & operations',
    subtitle: 'How the organisation ships and runs its services',
    dora: 'Organisation DORA metrics',
    doraSubheader:
      'Every service in the catalog, each event once; vs the previous window',
    tiers: 'Tiers across services',
    coverage: 'Integration coverage',
    matrix: {
      title_one:
        'Integrations by service ({{count}} service, {{gaps}} with gaps)',
      title_other:
        'Integrations by service ({{count}} services, {{gaps}} with gaps)',
      team: 'Team',
      allTeams: 'All teams',
      noOwner: 'no owner',
      present: '{{integration}}: present',
      missing: '{{integration}} missing — {{fix}}',
      notApplicable: '{{integration}}: does not apply to this kind of entity',
    },
    fixesTitle: 'What a missing integration needs',
    fixLine_one: ' — missing on {{services}} service: {{fix}}',
    fixLine_other: ' — missing on {{services}} services: {{fix}}',
    fixes: {
      owner: 'name the team that owns it in the catalog.',
      oncall:
        'connect an on-call schedule (PagerDuty, Opsgenie or a catalog rotation) to the service, its system or its team, so someone is paged.',
      deployments:
        'let its pipeline report deployments, so its delivery metrics count.',
      incidents:
        'connect it to the incident tool, so its incidents count for it.',
      ci: 'link its CI pipeline (GitHub, GitLab, Jenkins or CircleCI).',
      observability:
        'link a dashboard (Grafana, Datadog, Sentry, New Relic or Prometheus).',
      docs: 'add a runbook or docs (TechDocs, or a runbook link).',
      kubernetes: 'link the Kubernetes workloads that run it.',
    },
  },
  distribution: {
    caption_one: 'Services per tier, by metric ({{count}} service)',
    caption_other: 'Services per tier, by metric ({{count}} services)',
    table: 'Services per tier',
    metric: 'Metric',
    noData: 'No data',
  },
  platform: {
    title: 'Platform',
    subtitle:
      'What the platform team offers, who runs it, and the golden paths to get it',
    domains: 'Domains',
    search: 'Search domains, offers and golden paths',
    nothingMatches: 'Nothing matches “{{query}}”.',
  },
  domains: {
    network: {
      title: 'Network',
      description: 'VPCs, proxies and VPN, DNS.',
    },
    delivery: {
      title: 'Development & delivery',
      description:
        'Version control, CI/CD, QA and performance environments, package registries.',
    },
    orchestration: {
      title: 'Orchestration',
      description:
        'Kubernetes, ECS or Nomad; workflow engines such as Airflow and Argo Workflows.',
    },
    observability: {
      title: 'Observability',
      description: 'Logs, metrics, uptime, APM and alerting.',
    },
    cloud: {
      title: 'Cloud platform',
      description:
        'Cloud accounts, landing zones, budgets and managed services.',
    },
    security: {
      title: 'Security & access',
      description:
        'Identity and SSO, audited access to servers and databases, firewalls.',
    },
    data: {
      title: 'Data platform',
      description: 'Databases, queues and streams, warehouse and BI.',
    },
    operations: {
      title: 'Service operations',
      description:
        'On-call, incident response and runbooks, shared with product teams.',
    },
  },
  domain: {
    ownedBy: 'Owned by',
    docs: 'Docs and requests',
    offers: 'What it offers',
    goldenPaths: 'Golden paths',
    noOffers: 'Nothing listed yet. Ask {{whom}} what it offers.',
    noOffersFix:
      'Annotate Systems, Resources, Components or APIs with `opsdeck.io/platform-domain: {{id}}`.',
    noGoldenPaths: 'No golden paths yet. Ask {{whom}} how to get started.',
    noGoldenPathsFix:
      'Annotate a scaffolder Template with `opsdeck.io/platform-domain: {{id}}`.',
    by: 'by {{owner}} · ',
    usedBy_one: 'used by {{count}} entity',
    usedBy_other: 'used by {{count}} entities',
    create: 'Create',
    createLabel: 'Create: {{title}}',
    notUsed: 'not used yet',
    noTeam:
      'No team runs this domain yet, so nobody decides its access requests. Ask the platform team.',
    noTeamFix:
      'Annotate one System with `opsdeck.io/platform-domain: {{id}}` (or set `opsdeck.platform.domains[].owner`).',
    homeWithoutOwner:
      'This domain’s home in the catalog names no owner, so nobody decides its access requests. Ask the platform team.',
    homeWithoutOwnerFix: 'Its home System {{home}} names no owner.',
    homeWithoutOwnerHow:
      'Set its `spec.owner` (or set `opsdeck.platform.domains[].owner`).',
    twoHomes:
      'Nobody decides this domain’s access requests until its setup is fixed. Ask the platform team.',
    twoHomesFix: 'Two Systems claim this domain: {{homes}}.',
    twoHomesHow:
      'Drop the `opsdeck.io/platform-domain` annotation from one, or name the owner in `opsdeck.platform.domains`.',
  },
  goldenPath: {
    note: 'Adoption of a golden path: the entities created from it, by owning team, and its completed runs per week over the last 12 weeks from the scaffolder’s history. The trend counts runs, not entities: the catalog keeps no creation times.',
    runsUnknown:
      'How often the golden paths ran could not be read from the scaffolder.',
    byTeam: 'Used by',
    noTeam: 'No owner',
    teamCount_one: ': {{count}} · {{entities}}',
    teamCount_other: ': {{count}} · {{entities}}',
    runs_one: '{{count}} completed run in the last 12 weeks',
    runs_other: '{{count}} completed runs in the last 12 weeks',
    runsLabel: 'Completed runs per week, oldest first: {{counts}}',
    runsWeek_one: 'Week of {{week}} (UTC): {{count}} run',
    runsWeek_other: 'Week of {{week}} (UTC): {{count}} runs',
  },
  access: {
    heading: 'Access requests',
    request: 'Request access',
    dialogTitle: 'Request access from {{domain}}',
    resource: 'Resource',
    resourceHelp:
      'What you need access to, e.g. resource:default/postgres-main',
    reason: 'Reason',
    days: 'For how many days (empty: no end)',
    cancel: 'Cancel',
    send: 'Send request',
    none: 'None yet.',
    line: '{{requester}} → {{resource}}: {{reason}}',
    lineForDays_one:
      '{{requester}} → {{resource}} for {{count}} day: {{reason}}',
    lineForDays_other:
      '{{requester}} → {{resource}} for {{count}} days: {{reason}}',
    status: {
      pending: 'pending',
      approved: 'approved',
      rejected: 'rejected',
    },
    decidedBy: '{{status}} by {{who}}',
    waiting: 'Waiting for a member of {{team}} to decide',
    approve: 'Approve',
    reject: 'Reject',
  },
} as const;
