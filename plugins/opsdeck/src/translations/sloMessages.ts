// The SLO card's part of OpsDeck's messages: a Component's SLOs, error budgets and burn rates.
// Composed in ../translation.ts. Numbers and instants are formatted with Intl before they are put
// into a message.

/**
 * The SLO card's texts.
 *
 * @internal
 */
export const sloMessages = {
  sloCard: {
    noAnswer: 'OpsDeck gave no answer for this service’s SLOs.',
    state: {
      exhausted: 'An error budget is exhausted',
      burning: 'Burning error budget',
      healthy: 'Within error budget',
      'no-data': 'Not every objective has numbers',
      'no-slo': 'No SLOs yet',
    },
    stale:
      'As of {{instant}} — {{provider}} did not answer; showing the last known numbers.',
    metricsSystem: 'the metrics system',
    evaluatedAt: 'Evaluated at {{instant}}',
    problems_one:
      'This SLO file could not be read; fix it in the service’s repository:',
    problems_other:
      'These SLO files could not be read; fix them in the service’s repository:',
    noDocuments: '{{annotation}} names no SLO document (kind: SLO).',
    fromFile: 'from {{file}}',
    graph: 'Graph in {{provider}}',
    window: {
      days_one: 'over {{value}} day',
      days_other: 'over {{value}} days',
      hours_one: 'over {{value}} hour',
      hours_other: 'over {{value}} hours',
      minutes_one: 'over {{value}} minute',
      minutes_other: 'over {{value}} minutes',
    },
    duration: {
      days_one: '{{value}} day',
      days_other: '{{value}} days',
      hours_one: '{{value}} hour',
      hours_other: '{{value}} hours',
      minutes_one: '{{value}} minute',
      minutes_other: '{{value}} minutes',
      underAMinute: 'under a minute',
    },
    lookbacks: {
      '5m': '5 min',
      '30m': '30 min',
      '1h': '1 h',
      '6h': '6 h',
      '1d': '1 day',
      '3d': '3 days',
    },
    noData: 'no data',
    noDataOver:
      'No data: nothing was measured {{window}}, so there is no SLI and no error budget yet.',
    target: 'target {{target}}',
    sli: {
      label: 'SLI now',
      definition:
        'SLI: the share of good events among all events over the SLO’s window.',
      counts: '{{good}} of {{total}} counted {{window}} were good.',
    },
    budget: {
      label: 'Error budget',
      definition:
        'Error budget: what the target allows to fail over the window. 100 % left means nothing failed; at 0 % it is exhausted.',
      left: '{{left}} left',
      exhausted: 'Exhausted: {{spent}} of the budget spent',
      bar: 'Error budget left',
      timeLeft: '≈ {{duration}} of budget left',
    },
    exhaustion: {
      already: 'Already exhausted',
      in: 'Budget runs out in ≈ {{duration}} at the current rate',
      notBurning: 'Not burning over the last hour',
      noRecentData:
        'No data over the last hour to tell when the budget runs out',
    },
    burn: {
      caption: 'Burn rate',
      definition:
        'Burn rate: how fast the budget is spent, compared with spending it evenly over the window. 1× uses it up exactly by the window’s end.',
      rate: '{{value}}×',
      rule: '{{factor}} over both {{long}} and {{short}}',
      over: 'Burn rate over {{lookback}}',
    },
    status: {
      page: {
        label: 'Page',
        means: 'Page: the budget burns so fast that someone should look now.',
      },
      ticket: {
        label: 'Ticket',
        means:
          'Ticket: the budget burns faster than the window allows; look at it in working hours.',
      },
      ok: {
        label: 'OK',
        means: 'OK: no burn-rate alert fires.',
      },
      'no-data': {
        label: 'No data',
        means: 'No data: no lookback had events, so there is no burn rate.',
      },
      rules:
        'By the Google SRE Workbook’s multi-window rules, OpsDeck pages at {{page}}, and opens a ticket at {{ticket}}. Your platform team may have changed these thresholds.',
    },
    queries: {
      summary: 'Queries behind these numbers',
      window: 'SLI and error budget {{window}}',
    },
    error: {
      noProvider:
        'No metrics system is connected to read this SLO ({{provider}}), so it has no numbers yet. Ask {{whom}} to connect it.',
      providerError:
        '{{provider}} could not answer for this SLO, so it has no numbers right now. Try again in a minute; if it stays this way, ask {{whom}}.',
      configurePrometheus:
        'Add a Prometheus instance under `opsdeck.slo.providers.prometheus` in the backend configuration (`name`, `baseUrl`, and `auth` if it needs one).',
      installProvider:
        'No installed SLI provider reads metricSource type {{type}}: add a backend module that provides it, or write the SLO against Prometheus.',
      said: 'OpsDeck said: {{message}}',
    },
    none: {
      text: 'This service has no SLOs yet.',
      howTo:
        'To add one, write an OpenSLO v1 file next to its {{catalogFile}} and name it in the {{annotation}} annotation — a path relative to {{catalogFile}} or a URL; separate several with commas:',
      fileExample: 'An example OpenSLO file ({{file}})',
      glossary: 'What SLOs and error budgets are',
      docs: 'How OpsDeck reads SLOs',
    },
  },
} as const;
