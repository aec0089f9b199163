// The DORA part of OpsDeck's messages: metric names and definitions, tiers, benchmark sets,
// thresholds, units, comparisons and why a metric has no value. Composed in ../translation.ts.

/** @internal */
export const doraMessages = {
  metrics: {
    deploymentFrequency: {
      title: 'Deployment frequency',
      short: 'Deploys',
      definition:
        'How often the service ships to production: successful production deployments per day, week or month.',
    },
    changeLeadTime: {
      title: 'Change lead time',
      short: 'Lead time',
      definition:
        'How long a change takes from its commit to running in production (the median over all changes).',
    },
    changeFailRate: {
      title: 'Change fail rate',
      short: 'Fail rate',
      definition:
        'The share of production deployments that failed: their status was a failure, they were rolled back, or they caused an incident.',
    },
    recoveryTime: {
      title: 'Failed deployment recovery time',
      short: 'Recovery',
      definition:
        'How long it takes to get back after a production deployment failed (median): until the next good deployment, or until its incidents are resolved.',
    },
    reworkRate: {
      title: 'Deployment rework rate',
      short: 'Rework',
      definition:
        'The share of production deployments that were unplanned fixes: rollbacks, hotfixes and fixes for incidents.',
    },
    mttr: {
      title: 'MTTR',
      short: 'MTTR',
      definition:
        'MTTR, mean time to restore: how long incidents stay open, from opened to resolved, whatever caused them (OpsDeck shows the median).',
    },
  },
  tiers: {
    elite: 'Elite',
    high: 'High',
    medium: 'Medium',
    low: 'Low',
    notBenchmarked: 'not benchmarked',
    none: 'no tier',
    definition: {
      elite: 'Elite: the best of four tiers.',
      high: 'High: the second best of four tiers.',
      medium: 'Medium: the third of four tiers, worth a look.',
      low: 'Low: the weakest of four tiers, this metric needs attention.',
      notBenchmarked:
        'Not benchmarked: the benchmark set in use has no tiers for this metric; its number and trend still count.',
      none: 'No tier: there is no value to place in a tier yet.',
    },
    range: '{{metric}}: {{range}} under {{benchmark}}.',
    value: 'This service: {{value}}.',
    inTier: 'in the {{tier}} tier',
  },
  benchmarks: {
    label: 'benchmark {{benchmark}}',
    definition: {
      'dora-2023':
        'dora-2023: tiers from OpsDeck’s reading of the Accelerate State of DevOps 2023 report (DORA, Google Cloud). The default set.',
      'dora-2021':
        'dora-2021: tiers from OpsDeck’s reading of the Accelerate State of DevOps 2021 report (DORA, Google Cloud).',
      none: 'none: no tiers, only numbers and trends, as dora.dev now advises.',
      custom:
        'custom: tiers from thresholds your platform team set for this portal.',
      unknown: '{{benchmark}}: the benchmark set this portal uses for tiers.',
    },
  },
  thresholds: {
    timesADay_one: 'at least once a day',
    timesADay_other: 'at least {{count}} times a day',
    onceEvery_one: 'at least once a day',
    onceEvery_other: 'at least once every {{count}} days',
    lessThanOnceEvery_one: 'less than once a day',
    lessThanOnceEvery_other: 'less than once every {{count}} days',
    below: 'under {{duration}}',
    orMore: '{{duration}} or more',
    atMost: 'at most {{percent}}',
    above: 'above {{percent}}',
    days_one: '{{count}} day',
    days_other: '{{count}} days',
    hours_one: '{{count}} hour',
    hours_other: '{{count}} hours',
  },
  units: {
    minutes: '{{value}} min',
    hours: '{{value}} h',
    days: '{{value}} days',
    percent: '{{value}} %',
    wholePercent: '{{value}}%',
    perDay: '{{value}} / day',
    perWeek: '{{value}} / week',
    perMonth: '{{value}} / month',
    notApplicable: 'not applicable',
  },
  change: {
    points: '{{sign}}{{value}} points',
    percent: '{{sign}}{{value}} %',
    times: '×{{value}}',
    new: 'new',
    vsPrevious: '{{change}} vs previous window',
    better: 'better',
    worse: 'worse',
    pointsHint:
      'Points are percentage points: the plain difference between two percentages (10 % → 13 % is +3 points).',
    notEnoughHistory: 'Not enough history to compare',
    reason: {
      'history-starts-late':
        'OpsDeck’s history here starts inside the previous window or later, so the two windows would not be compared fairly.',
      'too-few-values_one':
        'One of the two windows holds fewer than {{count}} value of this metric: too few to call it a change.',
      'too-few-values_other':
        'One of the two windows holds fewer than {{count}} values of this metric: too few to call it a change.',
      'no-previous': 'There is no previous window to compare with.',
    },
  },
  nullReasons: {
    'no-deployments-ever': {
      text: 'No deployments received yet.',
      ask: 'They appear once your pipeline reports deployments to OpsDeck: ask {{whom}} to connect it.',
      fix: 'Send deployment events: a GitHub, GitLab or Argo CD webhook, or POST /api/opsdeck/events from CI.',
    },
    'none-in-window': {
      text: 'No completed production deployments in this window.',
      ask: 'If you did deploy to production, ask {{whom}} whether your environment counts as production.',
      fix: 'Production is matched by `opsdeck.dora.productionEnvironments`; check the environment names you send.',
    },
    'no-changes': {
      text: 'No shipped change with a commit time.',
      ask: 'Lead time needs the commits behind each deployment: ask {{whom}} to send them.',
      fix: 'Send changes (sha + time) or the commit time with each deployment, or connect push webhooks.',
    },
    'no-failures': {
      text: 'No failed deployments, nothing to recover from.',
    },
    'none-recovered': {
      text: 'Failed deployments are not recovered yet.',
      ask: 'Recovery ends with the next successful production deployment, or when the incidents it caused are resolved.',
    },
    'no-incidents': {
      text: 'No incidents in this window.',
      ask: 'If you had incidents, ask {{whom}} to connect your incident tool.',
      fix: 'Incidents come from PagerDuty or Opsgenie webhooks, or POST /api/opsdeck/events.',
    },
    'none-resolved': {
      text: 'Incidents are still open.',
    },
    platformTeam: 'the platform team',
    howToSend: 'How to send it',
  },
  guidance: {
    heading: 'What it usually means',
    inTier: '{{metric}} is in the {{tier}} tier ({{value}}).',
    inTierAndWorse:
      '{{metric}} is in the {{tier}} tier ({{value}}) and worse than the previous window.',
    worse: '{{metric}} is worse than the previous window ({{value}}).',
    deploymentFrequency: {
      meaning:
        'Infrequent deployments usually signal process or tooling friction: manual steps, approvals, or a pipeline people avoid.',
      helps:
        'Self-service pipelines, trunk-based development with small changes, and fewer hand-offs before production.',
    },
    changeLeadTime: {
      meaning:
        'A long lead time usually means slow pipelines, or a service too large to ship in small pieces.',
      helps:
        'Faster builds and test suites, smaller batches behind feature flags, and splitting what always ships together.',
    },
    changeFailRate: {
      meaning:
        'A high change fail rate usually points to gaps in CI testing: defects that only production finds.',
      helps:
        'Automated tests in CI, test environments close to production, and progressive rollouts that stop early.',
    },
    recoveryTime: {
      meaning:
        'Long recovery usually means too little automation in infrastructure and rollback, or slow deploys.',
      helps:
        'One-click or automatic rollback, infrastructure as code, alerts that fire before users notice, and runbooks.',
    },
    reworkRate: {
      meaning:
        'Much unplanned rework usually means defects escape to production and fixes interrupt planned work.',
      helps:
        'Tests that catch regressions before release, and dashboards that show a bad release within minutes.',
    },
    mttr: {
      meaning:
        'Slow incident resolution usually means responders lack signals, runbooks or a quick way back.',
      helps:
        'Clear on-call ownership, runbooks linked from alerts, and automated rollback.',
    },
  },
} as const;
