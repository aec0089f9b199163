// The administration page: backfill runs, their progress and starting one, and what a user
// without `opsdeck.admin` reads instead. Composed in ../translation.ts.

/** @internal */
export const adminMessages = {
  admin: {
    title: 'OpsDeck administration',
    subtitle: 'Import the history OpsDeck was not there to receive',
    link: 'Administration',
    notAllowed: {
      title: 'For OpsDeck administrators',
      text: 'Seeing and starting backfills needs the {{permission}} permission, which your account does not hold.',
      ask: 'Your portal’s permission policy decides who holds it: ask the team that runs Backstage if you need it.',
    },
    backfill: {
      title: 'Backfill',
      subheader:
        'Past deployments and incidents, imported from the providers’ APIs',
      empty:
        'No backfill has run yet. Backfill imports past deployments and incidents from GitHub, GitLab and PagerDuty for every repository the catalog names; it needs a provider token — see the README section {{section}}.',
      section: 'Backfill',
      days: 'Days to import',
      daysHelp: 'The last 1 to 365 days',
      start: 'Start',
      oneAtATime:
        'One run at a time: Start is available again when this run ends.',
      status: {
        running: 'Running',
        done: 'Done',
        failed: 'Failed',
      },
      started: 'Started {{when}}',
      finished: 'finished {{when}}',
      lastDays_one: 'last {{count}} day',
      lastDays_other: 'last {{count}} days',
      progress_one: '{{done}} of {{count}} target — {{eta}}',
      progress_other: '{{done}} of {{count}} targets — {{eta}}',
      etaAbout: 'about {{duration}} left',
      etaUnderAMinute: 'less than a minute left',
      estimating: 'estimating…',
      progressLabel: 'Backfill progress',
      sourcesOf: 'Sources of the run started {{when}}',
      columns: {
        source: 'Source',
        targets: 'Targets',
        done: 'Finished',
        records: 'Records',
        errors: 'Errors',
      },
      moreErrors_one: 'and {{count}} more',
      moreErrors_other: 'and {{count}} more',
    },
  },
} as const;
