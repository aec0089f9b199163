// The Delivery tab's timeline and its trend charts: what each event is and why it counts as it
// does. Composed in ../translation.ts.

/** @internal */
export const timelineMessages = {
  timeline: {
    kinds: {
      deployment: 'deployment',
      rollback: 'rollback',
      incident: 'incident',
    },
    resolvedAfter: 'resolved after {{duration}}',
    open: 'open',
    failed: 'failed',
    rework: 'rework',
    line: '{{instant}} · {{description}} · from {{source}}',
    empty:
      'No deployments or incidents in this window. Ask {{whom}} to connect your pipeline and incident tool if you expected some.',
    emptyFix: 'Events arrive through webhooks and POST /api/opsdeck/events.',
    list: 'Deployments, rollbacks and incidents',
    loading: 'Loading…',
    loadMore: 'Load more',
    commit: 'commit',
    pullRequest: 'pull request',
    run_one: '{{count}} deployment to {{environment}}, {{status}}, {{days}}',
    run_other:
      '{{count}} deployments to {{environment}}, all {{status}}, {{days}}',
    runShow: 'Show each',
    runHide: 'Hide',
    statuses: {
      success: 'successful',
      failure: 'failed',
      cancelled: 'cancelled',
      pending: 'in progress',
    },
    filter: 'Show',
    filters: {
      all: 'Everything',
      deployments: 'Deployments',
      incidents: 'Incidents',
      failures: 'Failures',
      rollbacks: 'Rollbacks',
    },
    emptyFiltered: 'Nothing under “{{filter}}” in this window.',
  },
  why: {
    statusFailed: 'its status was a failure',
    rolledBackBy: 'rolled back by {{records}}',
    incidentCause: 'incident {{record}} names it as the cause',
    incidentWindow:
      'incident {{record}} opened within the attribution window after it',
    failed: 'Failed: {{reasons}}.',
    byDeployment: ' by the next successful deployment, {{record}}',
    byIncidents_one: ' when {{records}} was resolved',
    byIncidents_other: ' when {{records}} were resolved',
    recovered: 'Recovered after {{duration}}{{by}}.',
    discarded:
      'Recovery left out of the median: it ended no later than the deployment itself{{by}}.',
    unrecovered: 'Not recovered yet.',
    shipped_one:
      'Shipped {{count}} change first ({{shas}}): its lead time ends here.',
    shipped_other:
      'Shipped {{count}} changes first ({{shas}}): their lead time ends here.',
    sources_one:
      'One rollout reported by {{count}} tool: {{records}}; counted once.',
    sources_other:
      'One rollout reported by {{count}} tools: {{records}}; counted once.',
    ignoredRollback: 'Its rollbackOf was ignored: {{reason}}.',
    ignored: {
      'unknown-target': 'OpsDeck has no deployment with that id (yet)',
      'rollback-not-successful': 'the rollback itself did not succeed',
      'other-service-or-environment':
        'the target is another service or environment',
      'target-not-earlier': 'the target did not finish before it',
    },
  },
  trends: {
    title: '{{metric}} per week ({{unit}})',
    units: {
      deployments: 'deployments',
      hoursMedian: 'hours (median)',
      percentOfDeployments: '% of deployments',
    },
    weeks:
      'Weeks start Monday 00:00 UTC; the first and last are clipped to the window.',
  },
} as const;
