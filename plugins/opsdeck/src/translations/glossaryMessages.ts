// The glossary page: every word OpsDeck's pages use (DORA and SLOs), in plain words. Composed in
// ../translation.ts.

/** @internal */
export const glossaryMessages = {
  glossary: {
    title: 'Glossary',
    subtitle: 'The words OpsDeck uses, in plain words',
    intro:
      'OpsDeck measures how a service is delivered and run with the DORA metrics (from DevOps Research and Assessment, the research programme behind the State of DevOps reports) and MTTR. All of them cover the last 90 days by default, count production only, and use UTC days.',
    termsHeading: 'Terms',
    metricsHeading: 'The metrics',
    more: 'In plain words',
    metrics: {
      deploymentFrequency:
        'Counts the successful deployments to production in the window, shown per day, per week or per month, whichever gives a readable number. More often is better: small, frequent deployments are easier to check and to undo.',
      changeLeadTime:
        'For each change (a commit), the time from the commit to the first successful production deployment that ships it. The card shows the median: half of the changes took less. Shorter is better.',
      changeFailRate:
        'Of the production deployments that finished (succeeded or failed), the share that failed: its status was a failure, a later deployment rolled it back, or an incident was traced to it. Lower is better.',
      recoveryTime:
        'For each failed production deployment: the time until the incidents it caused were resolved, or, without incidents, until the next successful deployment of the same service and environment (often the rollback). The card shows the median, and how many are not recovered yet. Shorter is better.',
      reworkRate:
        'Of the production deployments that finished, the share that were unplanned fixes: marked as rework, fixing an incident, or rolling back an earlier deployment. Lower is better. No benchmark set gives it tiers.',
      mttr: 'MTTR stands for mean time to restore. For every incident opened in the window, whatever caused it, the time from opened to resolved. OpsDeck shows the median (so one very long incident does not hide the usual case) and how many are still open. Shorter is better.',
    },
    recoveryVsMttr: {
      term: 'Recovery time vs MTTR',
      text: 'Both measure getting back to normal, from different starting points. Failed deployment recovery time starts at a deployment that failed and asks how long the service took to recover from it. MTTR starts at an incident, whatever caused it (a deployment, a cloud outage, a full disk), and asks how long the incident stayed open. A team can recover from bad deployments quickly and still have slow incidents, or the other way round.',
    },
    tiers: {
      term: 'Tiers: Elite, High, Medium, Low',
      text: 'A tier places a metric’s value among four groups from the State of DevOps research, best first: Elite, High, Medium and Low. Low and Medium are where a metric most needs attention; the DORA card then says what it usually means and what helps. Durations are tiered on their median.',
      thresholdsUnder: 'Thresholds under {{benchmark}}',
      active: 'Tiers on this portal’s cards follow {{benchmark}}.',
      defaultSet:
        'Each DORA card names the benchmark set it uses; {{benchmark}} is the default.',
      noTiers: 'This set gives no tiers: numbers and trends only.',
      customUnknown:
        'Your platform team set these thresholds for this portal; ask them for the numbers.',
      customFix:
        'The custom thresholds are in `opsdeck.dora.customThresholds` (backend configuration).',
      notTiered: 'not tiered',
      showSet: 'Show the thresholds of',
    },
    benchmarkSets: {
      term: 'Benchmark sets',
      text: 'A benchmark set is the table of thresholds that turns values into tiers. The DORA reports describe groups of teams, not exact thresholds; OpsDeck ships its own reading of them, with each tier strictly better than the next.',
      'dora-2023':
        'dora-2023 (the default): the reading of the Accelerate State of DevOps 2023 report.',
      'dora-2021':
        'dora-2021: the reading of the 2021 report, with looser thresholds for change fail rate and lead time.',
      none: 'none: no tiers at all, only the numbers and their trends, as dora.dev now advises.',
      custom: 'custom: thresholds the platform team chose for this portal.',
    },
    points: {
      term: 'Points (percentage points)',
      text: 'The difference between two percentages, written without a second percent sign to avoid confusion: a change fail rate going from 10 % to 13 % rose by 3 points (which is 30 % more).',
    },
    notBenchmarked: {
      term: 'Not benchmarked',
      text: 'The benchmark set in use has no thresholds for this metric, so it gets no tier. Its number and its change against the previous window still count. Deployment rework rate is never benchmarked.',
    },
    notEnoughHistory: {
      term: 'Not enough history to compare',
      text: 'Each card compares the window with the one before it of the same length. OpsDeck shows a change only when the service’s history starts before the previous window and each window holds at least {{min}} values of that metric; otherwise a change would mostly reflect missing data. Hover the text on a card to see which of the two applies.',
    },
    deployment: {
      term: 'Deployment',
      text: 'One rollout of a service to an environment, as a CI/CD tool (GitHub, GitLab, Argo CD, a pipeline script) reports it to OpsDeck. Only production deployments count for the metrics, and the same rollout reported by two tools counts once.',
    },
    incident: {
      term: 'Incident',
      text: 'Something that went wrong in production and needed a response, as PagerDuty, Opsgenie or a script reports it. An incident opened soon after a deployment (within 24 hours by default), or one that names its cause, makes that deployment count as failed.',
    },
    rework: {
      term: 'Rework',
      text: 'A deployment that was not planned work but a fix: a rollback, a hotfix marked as rework, or a deployment that fixes an incident.',
    },
    sloHeading: 'Service level objectives',
    sloIntro:
      'The SLO card on a service’s page reads the service’s own objectives and measures them in its metrics system (Prometheus). Every number on it can show the query behind it.',
    slo: {
      term: 'SLO (service level objective)',
      text: 'A promise about how well a service works, measured over a rolling window: for example “99.9 % of requests succeed over 28 days”. It names what is measured (the SLI), the target and the window. OpsDeck reads SLOs from OpenSLO v1 files that a Component names in its opsdeck.io/openslo annotation, with paths relative to its catalog-info.yaml.',
    },
    sli: {
      term: 'SLI (service level indicator)',
      text: 'What an SLO measures: the share of good events among all events in the window (requests that succeeded, requests answered within 300 ms), or the share of good minutes when the SLO counts time slices. 99.95 % means 5 in 10 000 were not good. Without any events there is no SLI: the card then says “no data”, never 0 % or 100 %.',
    },
    errorBudget: {
      term: 'Error budget',
      text: 'What the target allows to go wrong: with a target of 99.9 %, 0.1 % of the window’s events may fail. The card shows how much of that budget is left (100 % when nothing failed, 0 % when exactly the allowance failed) and about how much time of the window that is. Below 0 the budget is exhausted, and the card says how much was spent, for example 230 % of the budget.',
    },
    burnRate: {
      term: 'Burn rate',
      text: 'How fast the budget is being spent, compared with spending it evenly over the window: 1× uses it up exactly by the window’s end; 14.4× spends 2 % of a 30-day budget in one hour. OpsDeck measures it over the last 5 minutes, 30 minutes, 1 hour, 6 hours, 1 day and 3 days, and says when the budget runs out at the last hour’s rate.',
      alerts:
        'The status follows the multi-window burn-rate alerts of the Google SRE Workbook: Page when the burn is at least 14.4× over both 1 hour and 5 minutes, or at least 6× over both 6 hours and 30 minutes; Ticket when it is at least 1× over both 3 days and 6 hours; OK when neither fires; No data when no lookback had events. The long lookback shows the burn matters, the short one that it is still going on. Your platform team may have changed these thresholds.',
    },
    budgetStates: {
      term: 'Budget states: exhausted, burning, healthy',
      text: 'Team and organisation views sort services by the state of their error budgets:',
      exhausted:
        'Exhausted: an objective has spent all of its budget over its window. Teams usually hold back risky changes until it recovers.',
      burning:
        'Burning: no budget is exhausted, but an objective burns fast enough to page or to open a ticket.',
      healthy:
        'Healthy: every objective has data and none burns fast enough to alert.',
      noData:
        'No data: an SLO had no events in its window, its metrics system did not answer, or one of its files could not be read.',
      noSlo: 'No SLO: the service names no SLO file yet.',
    },
  },
} as const;
