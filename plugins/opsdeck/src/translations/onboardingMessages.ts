// The onboarding part of OpsDeck's messages: the onboarding page with its quests, the reader's
// own on-call shift in words ("you"), and the coverage card's evidence in words a new hire
// understands. Composed in ../translation.ts.

/** @internal */
export const onboardingMessages = {
  onboarding: {
    welcome: 'Welcome',
    welcomeName: 'Welcome, {{name}}',
    subtitle: 'Your team, your services, your first weeks',
    noTeam: 'You are not in a team yet',
    noTeamText:
      'Nothing in the catalog says which team you belong to. Ask your lead to add you to your team — then this page shows your team, its services and who to ask.',
    noTeamFix:
      'Add {{user}} to the team’s Group ({{members}}) or set {{memberOf}} on the User.',
    yourTeam_one: 'Your team',
    yourTeam_other: 'Your teams',
    oncallNow: 'On call now',
    peopleToAsk: 'People to ask: {{people}}',
    nextOnCall: 'When you are next on call',
    noShifts:
      'You are not on any of your teams’ schedules for the next 90 days.',
    shift: '{{from}} – {{until}} ({{relative}})',
    level: 'level {{level}}',
    services: 'Your team’s services',
    domains: 'Platform domains and golden paths for you',
    domainsSubheader:
      'What your team builds with, and the domains of your quests',
    noDomains: 'Nothing yet: your team has not used a golden path.',
    ask: 'Ask {{team}}',
    yourTeamUses: ' — your team uses it',
  },
  quests: {
    title: 'Your first weeks',
    missing: 'No onboarding quests',
    done: '{{done}} of {{total}} done',
    questDone: '{{done}} of {{total}}',
    finished: 'finished',
    progress: 'Onboarding progress',
    empty: 'No onboarding quests yet. Ask the platform team to add some.',
    emptyFix:
      'The quests come from `opsdeck.onboarding.quests` (or the former `opsdeck.onboarding.checklist`) in app-config.',
    firstWeek: 'Your first week',
    read: 'Read: {{page}}',
    page: '{{entity}} › {{page}}',
    doneAuto: 'Done — {{evidence}}',
    evidence: {
      change: 'your change shipped in “{{title}}” on {{date}}',
      changeUntitled: 'a change you wrote reached production on {{date}}',
      shift: 'your first shift: {{level}} on {{entity}} from {{date}}',
      shiftNoEntity: 'your first shift: {{level}} from {{date}}',
    },
    auto: {
      'first-production-change':
        'Ticks itself when a change you wrote reaches production: OpsDeck matches the author email of the commits a deployment ships with yours.',
      'first-oncall-shift':
        'Ticks itself when your first on-call shift starts on your team or its services — shadowing as level 2 counts.',
    },
    mine: {
      service: 'Your team’s services:',
      pipeline: 'Your services’ pipelines:',
      dashboards: 'Your services’ dashboards:',
      runbook: 'Your services’ runbooks and docs:',
      oncall: 'Your team’s on-call:',
      'golden-paths': 'Golden paths:',
      'error-budgets': 'Your team’s error budgets:',
      operations: '{{team}} — Operations tab',
      budgets: '{{team}} — error budgets by service (Operations tab)',
      create: 'Create… (all golden paths)',
      techdocs: '{{service}} docs',
      serviceLinks: '{{service}}: {{links}}',
      none: 'None of your team’s services links one yet — ask your team where it is.',
      noTeam: 'Links to your own services show here once you are in a team.',
      loading: 'Finding your team’s services…',
    },
  },
  shift: {
    now: 'You are on call now: {{level}} for {{entity}} until {{until}}',
    next: 'Your next shift: {{level}} for {{entity}}, {{from}} – {{until}} ({{relative}})',
    level: 'level {{level}}',
    schedule: 'Schedule: {{schedule}}',
    shadow:
      'At level {{level}} you are paged only when the levels before you do not answer: a shadow shift, to learn how on-call works here.',
    primary: 'At level 1 you are the first one paged when an incident starts.',
    none: 'You have no on-call shift in the next 30 days.',
    names: {
      first: 'first level',
      second: 'second level',
      third: 'third level',
      other: 'level {{level}}',
    },
  },
  you: {
    levelNamed: 'Level {{level}} ({{name}}): ',
    name: 'you',
    now: ' — on call now until {{until}}',
    nowOpen: ' — on call now',
    next: 'Next: you, from {{instant}}',
  },
  coverageWords: {
    from: 'from {{entity}}',
    received: 'events received',
  },
} as const;
