// The home page cards' part of OpsDeck's messages: my services, my next shift, open incidents
// on my services, and the pointer to onboarding. Composed in ../translation.ts.

/** @internal */
export const homeMessages = {
  home: {
    noTeam:
      'You are not in a team yet. Ask your lead to add you to your team in the catalog.',
    myServices: {
      title: 'My services',
      subheader: 'Your teams’ services · last {{days}} days',
      service: 'Service',
      oncall: 'On call now',
      you: 'you',
      empty: 'Your teams own no services in the catalog yet.',
      all: 'All services of {{team}}',
    },
    nextShift: {
      title: 'My next shift',
      team: 'Your team’s on-call: {{team}}',
    },
    incidents: {
      title: 'Open incidents on my services',
      none: 'No open incidents on your services.',
      line: '{{service}} · {{status}} · opened {{opened}}',
      unknown_one:
        'The on-call tool did not answer for {{count}} of your services; its incidents may be missing.',
      unknown_other:
        'The on-call tool did not answer for {{count}} of your services; their incidents may be missing.',
    },
    onboarding: {
      title: 'Onboarding',
      progress: '{{done}} of {{total}} steps done',
      next: 'Next: {{quest}}',
      continue: 'Continue onboarding',
    },
  },
} as const;
