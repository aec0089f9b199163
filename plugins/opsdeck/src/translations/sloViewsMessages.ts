// The texts of the budget chart (Delivery tab), the team and org views of services by budget
// state, and the DORA guidance's link to the budget. Composed in ../translation.ts.

/** @internal */
export const sloViewsMessages = {
  sloViews: {
    rate: '{{value}}× the sustainable rate',
    stale: 'The SLI provider did not answer; these are its last known numbers.',
    staleChip: 'stale',
    whatIsBudget: 'What an error budget is',
    budget: {
      title: 'Error budget',
      subheader:
        'Budget left over the SLO’s own window, the last {{window}}, with this service’s production deployments and incidents',
      selector: 'SLO and objective',
      option: '{{slo}} · {{objective}} ({{target}})',
      noSlo:
        'No SLO for this service yet, so no error budget to follow: write an OpenSLO file and name it in the {{annotation}} annotation.',
      nothingToChart:
        'The {{annotation}} annotation names no SLO that could be read.',
      problem: '{{file}}: {{error}}',
      errors: {
        'no-provider':
          'No SLI provider is set up for this SLO, so there is no budget to draw.',
        'no-data':
          'The SLI provider has no data for this SLO over its window yet.',
        'provider-error':
          'The SLI provider did not answer, so the budget cannot be drawn now.',
        'no-chart':
          'This SLO’s provider cannot draw its budget over time (threshold SLIs are not charted).',
        other: 'The budget cannot be drawn.',
      },
      errorDetail: 'The provider said: {{message}}',
      queries: 'The queries behind the curve:',
      chartLabel:
        'Budget left over the last {{window}}: {{remaining}} now. Production deployments: {{deployments}}, {{burned}} of them followed by a burn. Incidents: {{incidents}}.',
      axisDay: 'Day',
      axisRemaining: 'Budget left',
      exhausted: 'exhausted',
      utcDays:
        'Days on the axis are UTC days; times in the tooltips are yours.',
      legend: {
        label: 'Legend',
        remaining: 'Budget left',
        deployment: 'Deployment',
        flagged: 'Failed, or followed by a burn',
        incident: 'Incident',
      },
      tooltip: {
        remaining: '{{value}} of the budget left',
        deployment: 'Deployment {{title}}',
        commit: 'commit {{sha}}',
        burnAfter: 'The hour after: {{rate}}',
        notMeasured: 'The hour after: not measured (yet)',
        incident: 'Incident {{title}}',
        opened: 'opened {{instant}}',
        resolved: 'resolved {{instant}}',
        open: 'still open',
      },
      burned: {
        title: 'Deployments followed by a budget burn',
        explain:
          'The hour after each of these burned the budget at least {{threshold}}× as fast as the rate that would spend it exactly over the window.',
        spent: '{{share}} of the window’s budget spent that hour',
        empty:
          'No deployment in the last {{window}} was followed by a burn ≥ {{threshold}}×.',
      },
    },
    states: {
      title: 'Error budgets',
      subheader:
        'Services grouped by the state of their error budgets, alphabetically within each state',
      label: '{{state}}: {{number}}',
      exhausted: 'Exhausted',
      burning: 'Burning',
      healthy: 'Healthy',
      'no-data': 'No data',
      'no-slo': 'No SLO',
      hints: {
        exhausted: 'At least one objective has spent its whole budget.',
        burning:
          'Spending the budget faster than it lasts: an alert would page or open a ticket.',
        healthy: 'Budget left, and not burning faster than it lasts.',
        'no-data': 'Has SLOs, but no data to compute them from.',
        'no-slo': 'Has no SLO yet.',
      },
      worst: '{{objective}} ({{slo}}): {{remaining}} left',
      worstNoData: '{{objective}} ({{slo}}): no data',
      burn: {
        page: 'burning fast',
        ticket: 'burning slowly',
      },
      none: 'none',
      showAll: 'Show all {{number}}',
      empty: 'No services in this scope yet.',
      glossary: 'What the states mean',
    },
    guidance: {
      budget: 'Which deployments burned the error budget: see {{link}}.',
      budgetLink: 'the error budget chart',
    },
  },
} as const;
