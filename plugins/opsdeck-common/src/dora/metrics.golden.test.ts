// Golden fixtures: every expected value is written by hand, with its derivation on the line.
import { BENCHMARK_SETS } from './benchmarks';
import { DoraFacts } from './facts';
import { computeDoraMetrics } from './metrics';
import { DoraInput } from './types';
import {
  DAY,
  HOUR,
  MIN,
  T0,
  WEEK,
  deployment as dep,
  incident as inc,
} from './testFixtures';

const compute = (input: DoraInput, window = WEEK, extra = {}) =>
  computeDoraMetrics(input, { window, ...extra });

describe('DORA golden fixtures', () => {
  it('no data: every metric is null with its reason, never 0', () => {
    const m = compute({ deployments: [], incidents: [] });
    expect(m.window.days).toBe(7); // [T0, T0 + 7 d)
    expect(m.deploymentFrequency).toMatchObject({
      value: null,
      reason: 'no-deployments-ever',
      tier: null,
    });
    expect(m.changeLeadTime).toMatchObject({
      value: null,
      reason: 'no-changes',
      tier: null,
    });
    expect(m.changeFailRate).toMatchObject({
      value: null,
      reason: 'none-in-window',
      tier: null,
    });
    expect(m.recoveryTime).toMatchObject({
      value: null,
      reason: 'no-failures',
      tier: null,
    });
    expect(m.reworkRate).toMatchObject({
      value: null,
      reason: 'none-in-window',
      tier: null,
    });
    expect(m.mttr).toMatchObject({
      value: null,
      reason: 'no-incidents',
      tier: null,
    });
  });

  it('one deployment', () => {
    const m = compute({
      deployments: [
        dep('gh:1', T0 + 2 * DAY + 10 * HOUR, {
          commit: { sha: 'c1', time: T0 + 2 * DAY + 4 * HOUR },
        }),
      ],
      incidents: [],
    });
    expect(m.deploymentFrequency.value).toBeCloseTo(1 / 7); // 1 deployment ÷ 7 days
    expect(m.deploymentFrequency.detail).toEqual({
      count: 1,
      perDay: 1 / 7,
      perWeek: 1,
      deploymentDays: 1,
    }); // 1 × 7 ÷ 7 = 1 per week
    expect(m.deploymentFrequency.tier).toBe('high'); // 1/7 per day ≥ 1 per week, < 1 per day
    expect(m.changeLeadTime.value).toBe(6 * HOUR); // no changes list → the deployed commit: 10:00 − 04:00
    expect(m.changeLeadTime.detail).toEqual({
      median: 6 * HOUR,
      p90: 6 * HOUR,
      count: 1,
    });
    expect(m.changeLeadTime.tier).toBe('elite'); // 6 h < 1 day
    expect(m.changeFailRate).toMatchObject({
      value: 0,
      tier: 'elite',
      detail: { failed: 0, completed: 1 },
    }); // 0 ÷ 1
    expect(m.recoveryTime).toMatchObject({
      value: null,
      reason: 'no-failures',
    }); // nothing failed: good news
    expect(m.reworkRate).toMatchObject({
      value: 0,
      tier: null,
      tierReason: 'not-benchmarked',
    }); // 0 ÷ 1, no benchmark
    expect(m.mttr).toMatchObject({ value: null, reason: 'no-incidents' });
  });

  it('a commit shipped twice (two production environments) counts once, at the first to finish', () => {
    const c1 = { sha: 'c1', time: T0 };
    const m = compute({
      deployments: [
        dep('gh:1', T0 + 12 * HOUR, { environment: 'staging', changes: [c1] }), // not production
        dep('gh:2', T0 + 1 * DAY, { changes: [c1] }),
        dep('gh:3', T0 + 1 * DAY + 2 * HOUR, {
          environment: 'prod',
          changes: [c1],
        }),
      ],
      incidents: [],
    });
    expect(m.deploymentFrequency.detail.count).toBe(2); // gh:2 and gh:3 are production successes
    expect(m.changeLeadTime.detail).toEqual({
      median: DAY,
      p90: DAY,
      count: 1,
    }); // c1 once: gh:2 at T0 + 1 d − T0
    expect(m.changeLeadTime.tier).toBe('high'); // 1 day is not < 1 day, is < 7 days
  });

  it('percentiles interpolate between closest ranks', () => {
    const at = T0 + DAY + 4 * HOUR;
    const changes = [0, 1, 2, 3].map(h => ({
      sha: `c${h}`,
      time: T0 + DAY + h * HOUR,
    }));
    const m = compute({
      deployments: [dep('gh:1', at, { changes })],
      incidents: [],
    });
    // lead times 4 h, 3 h, 2 h, 1 h → median = (2 h + 3 h) / 2; p90 rank 0.9 × 3 = 2.7 → 3 h + 0.7 × 1 h
    expect(m.changeLeadTime.detail).toEqual({
      median: 2.5 * HOUR,
      p90: 3.7 * HOUR,
      count: 4,
    });
  });

  it('a failed deployment then its fix', () => {
    const m = compute({
      deployments: [
        dep('gh:1', T0 + DAY, { status: 'failure' }),
        dep('gh:2', T0 + DAY + 30 * MIN, { rework: true }),
      ],
      incidents: [],
    });
    expect(m.deploymentFrequency.detail.count).toBe(1); // only gh:2 succeeded
    expect(m.changeFailRate).toMatchObject({
      value: 0.5,
      tier: 'low',
      detail: { failed: 1, completed: 2 },
    }); // 1 ÷ 2 > 15 %
    expect(m.recoveryTime).toMatchObject({ value: 30 * MIN, tier: 'elite' }); // no incidents → next success gh:2, 30 min < 1 h
    expect(m.recoveryTime.detail).toEqual({
      failed: 1,
      recovered: 1,
      unrecovered: 0,
      discarded: 0,
    });
    expect(m.reworkRate.value).toBe(0.5); // gh:2 is rework: 1 ÷ 2
  });

  it('an incident before any deployment is unattributed but counts for MTTR', () => {
    const m = compute({
      deployments: [dep('gh:1', T0 + 2 * DAY)],
      incidents: [inc('pd:1', T0 + DAY, { resolvedAt: T0 + DAY + 2 * HOUR })],
    });
    expect(m.changeFailRate.value).toBe(0); // no deployment finished before it opened
    expect(m.mttr).toMatchObject({ value: 2 * HOUR, tier: 'high' }); // 2 h: not < 1 h, < 1 day
    expect(m.mttr.detail).toEqual({ opened: 1, resolved: 1, unresolved: 0 });
  });

  it('an incident exactly at the end of the attribution window is attributed; 1 ms later it is not', () => {
    const deployments = [dep('gh:1', T0 + DAY)];
    const atEdge = compute({
      deployments,
      incidents: [
        inc('pd:1', T0 + 2 * DAY, { resolvedAt: T0 + 2 * DAY + HOUR }),
      ],
    });
    expect(atEdge.changeFailRate.value).toBe(1); // opened = finished + 24 h: inclusive → gh:1 failed, 1 ÷ 1
    expect(atEdge.recoveryTime.value).toBe(DAY + HOUR); // resolved − finished = 25 h
    const past = compute({
      deployments,
      incidents: [inc('pd:1', T0 + 2 * DAY + 1)],
    });
    expect(past.changeFailRate.value).toBe(0); // 24 h + 1 ms after: outside the window
    expect(past.mttr.detail.unresolved).toBe(1); // still counts for MTTR
  });

  it('a shorter configured attribution window is honoured', () => {
    const m = compute(
      {
        deployments: [dep('gh:1', T0 + DAY)],
        incidents: [inc('pd:1', T0 + DAY + 2 * HOUR)],
      },
      WEEK,
      { attributionWindowMs: HOUR },
    );
    expect(m.changeFailRate.value).toBe(0); // opened 2 h after, window 1 h
  });

  it('explicit causedBy: deployment and commit, known and unknown', () => {
    const input: DoraInput = {
      deployments: [
        dep('gh:1', T0 + DAY, { changes: [{ sha: 'c1', time: T0 }] }),
        dep('gh:2', T0 + 2 * DAY, { changes: [{ sha: 'c2', time: T0 + DAY }] }),
        dep('gh:3', T0 + 3 * DAY, {
          changes: [{ sha: 'c3', time: T0 + 2 * DAY }],
        }),
      ],
      incidents: [
        // opened long after gh:1 — the explicit cause wins over the time window
        inc('pd:1', T0 + 5 * DAY, {
          causedBy: { deployment: 'gh:1' },
          resolvedAt: T0 + 5 * DAY + HOUR,
        }),
        inc('pd:2', T0 + 5 * DAY, { causedBy: { commit: 'c2' } }), // → gh:2, the first to ship c2; unresolved
        inc('pd:3', T0 + 3 * DAY + HOUR, {
          causedBy: { deployment: 'gh:404' },
        }), // unknown: no fallback to gh:3
        inc('pd:4', T0 + 3 * DAY + HOUR, { causedBy: { commit: 'deadbeef' } }), // unknown commit: none
      ],
    };
    const m = compute(input);
    const facts = new DoraFacts(input);
    expect(facts.attributionOf.get('pd:1')?.key).toBe('gh:1');
    expect(facts.attributionOf.get('pd:2')?.key).toBe('gh:2');
    expect(facts.attributionOf.has('pd:3')).toBe(false);
    expect(facts.attributionOf.has('pd:4')).toBe(false);
    expect(m.changeFailRate.detail).toEqual({ failed: 2, completed: 3 }); // gh:1, gh:2 failed; gh:3 not
    // gh:1 recovers when pd:1 resolves: T0 + 5 d + 1 h − (T0 + 1 d) = 4 d 1 h; gh:2 has pd:2 open
    expect(m.recoveryTime.detail).toEqual({
      failed: 2,
      recovered: 1,
      unrecovered: 1,
      discarded: 0,
    });
    expect(m.recoveryTime).toMatchObject({
      value: 4 * DAY + HOUR,
      tier: 'medium',
    }); // < 7 days
  });

  it('causedBy a deployment of another service marks it failed; MTTR stays with the incident', () => {
    const other = dep('gh:9', T0 + DAY, { service: 'payments' });
    const m = compute({
      deployments: [other],
      incidents: [
        inc('pd:1', T0 + 2 * DAY, {
          causedBy: { deployment: 'gh:9' },
          resolvedAt: T0 + 2 * DAY + HOUR,
        }),
      ],
    });
    expect(m.changeFailRate.value).toBe(1); // gh:9 failed
    expect(m.mttr.value).toBe(HOUR);
  });

  it('a rollback fails its target and is rework', () => {
    const m = compute({
      deployments: [
        dep('gh:1', T0 + DAY),
        dep('gh:2', T0 + DAY + HOUR, { rollbackOf: 'gh:1' }),
      ],
      incidents: [],
    });
    expect(m.deploymentFrequency.detail.count).toBe(2); // a successful rollback counts in frequency
    expect(m.changeFailRate.detail).toEqual({ failed: 1, completed: 2 }); // gh:1 was rolled back
    expect(m.reworkRate.detail).toEqual({ rework: 1, completed: 2 }); // gh:2 is rework
    expect(m.recoveryTime).toMatchObject({ value: HOUR, tier: 'high' }); // next success gh:2 after 1 h; not < 1 h
  });

  it('a bad rollbackOf is ignored for failure but still rework', () => {
    const input: DoraInput = {
      deployments: [
        dep('gh:1', T0 + DAY),
        dep('gh:2', T0 + 2 * DAY, { rollbackOf: 'gh:99' }), // unknown target
        dep('gh:3', T0 + 3 * DAY, { rollbackOf: 'gh:4' }), // target finished later
        dep('gh:4', T0 + 4 * DAY),
        dep('gh:5', T0 + 5 * DAY, { rollbackOf: 'gh:6' }), // target in another environment
        dep('gh:6', T0 + 4 * DAY, { environment: 'staging' }),
      ],
      incidents: [],
    };
    const m = compute(input);
    expect(m.changeFailRate.detail).toEqual({ failed: 0, completed: 5 }); // gh:1–5 in production, none failed
    expect(m.reworkRate.detail).toEqual({ rework: 3, completed: 5 }); // gh:2, gh:3, gh:5 set rollbackOf
    // …and provenance says why each was ignored.
    expect([...new DoraFacts(input).ignoredRollbacks].sort()).toEqual([
      ['gh:2', 'unknown-target'],
      ['gh:3', 'target-not-earlier'],
      ['gh:5', 'other-service-or-environment'],
    ]);
  });

  it('an unresolved incident leaves its deployment unrecovered', () => {
    const m = compute({
      deployments: [dep('gh:1', T0 + DAY)],
      incidents: [inc('pd:1', T0 + DAY + HOUR)],
    });
    expect(m.changeFailRate.value).toBe(1);
    expect(m.recoveryTime).toMatchObject({
      value: null,
      reason: 'none-recovered',
    });
    expect(m.recoveryTime.detail).toEqual({
      failed: 1,
      recovered: 0,
      unrecovered: 1,
      discarded: 0,
    });
    expect(m.mttr).toMatchObject({
      value: null,
      reason: 'none-resolved',
      detail: { opened: 1, resolved: 0, unresolved: 1 },
    });
  });

  it('a deployment finishing exactly at `to` belongs to the next window', () => {
    const deployments = [dep('gh:1', WEEK.to - 1), dep('gh:2', WEEK.to)];
    expect(
      compute({ deployments, incidents: [] }).deploymentFrequency.detail.count,
    ).toBe(1); // gh:1 only
    const next = compute(
      { deployments, incidents: [] },
      { from: WEEK.to, to: WEEK.to + 7 * DAY },
    );
    expect(next.deploymentFrequency.detail.count).toBe(1); // gh:2
    // with only gh:2, nothing was sent before `to`
    expect(
      compute({ deployments: [deployments[1]], incidents: [] })
        .deploymentFrequency.reason,
    ).toBe('no-deployments-ever');
  });

  it('deployment frequency is 0, not null, when the service deployed before the window', () => {
    const m = compute({
      deployments: [dep('gh:1', T0 - 3 * DAY)],
      incidents: [],
    });
    expect(m.deploymentFrequency).toMatchObject({
      value: 0,
      tier: 'low',
      detail: { count: 0 },
    });
  });

  it('non-production and mixed-case environments', () => {
    const deployments = [
      dep('gh:1', T0 + DAY, { environment: 'Production' }), // matches production
      dep('gh:2', T0 + DAY, { environment: 'PROD' }), // matches prod
      dep('gh:3', T0 + DAY, { environment: 'production-eu' }), // whole name: no match
      dep('gh:4', T0 + DAY, { environment: 'staging', status: 'failure' }),
    ];
    const m = compute({ deployments, incidents: [] });
    expect(m.deploymentFrequency.detail.count).toBe(2); // gh:1, gh:2
    expect(m.changeFailRate.detail).toEqual({ failed: 0, completed: 2 }); // staging failure counts nowhere
    const globbed = compute({ deployments, incidents: [] }, WEEK, {
      productionEnvironments: ['production*', 'prod'],
    });
    expect(globbed.deploymentFrequency.detail.count).toBe(3); // gh:1, gh:2, gh:3
  });

  it('cancelled and pending deployments count nowhere', () => {
    const m = compute({
      deployments: [
        dep('gh:1', T0 + DAY, { status: 'cancelled' }),
        dep('gh:2', undefined, { status: 'pending', startedAt: T0 + DAY }),
      ],
      incidents: [],
    });
    expect(m.deploymentFrequency).toMatchObject({
      value: 0,
      detail: { count: 0 },
    }); // sent before `to`, none succeeded
    expect(m.changeFailRate.reason).toBe('none-in-window');
  });

  it('a window across the year end', () => {
    const window = { from: Date.UTC(2026, 11, 28), to: Date.UTC(2027, 0, 4) }; // Mon 28 Dec → Mon 4 Jan
    const m = compute(
      {
        deployments: [
          dep('gh:1', Date.UTC(2026, 11, 31, 23, 30)),
          dep('gh:2', Date.UTC(2027, 0, 1, 0, 30)),
        ],
        incidents: [],
      },
      window,
    );
    expect(m.deploymentFrequency.detail).toEqual({
      count: 2,
      perDay: 2 / 7,
      perWeek: 2,
      deploymentDays: 2,
    }); // 31 Dec and 1 Jan
  });

  it('incident filters: alerts, environments and severity', () => {
    const deployments = [dep('gh:1', T0 + DAY)];
    const incidents = [
      inc('og:1', T0 + DAY + HOUR, { isAlert: true }),
      inc('pd:2', T0 + DAY + HOUR, { environment: 'staging' }),
      inc('pd:3', T0 + DAY + HOUR, { severity: 'P4' }),
    ];
    const rules = {
      incidents: { environments: ['production'], minSeverity: 'P3' },
    };
    const m = compute({ deployments, incidents }, WEEK, rules);
    expect(m.changeFailRate.value).toBe(0); // alert excluded, staging excluded, P4 below P3
    expect(m.mttr.detail.opened).toBe(0);
    const withAlerts = compute({ deployments, incidents }, WEEK, {
      incidents: { includeAlerts: true },
    });
    expect(withAlerts.mttr.detail.opened).toBe(3);
  });

  it('benchmark sets: dora-2021 and none', () => {
    const input = {
      deployments: [
        dep('gh:1', T0 + DAY, { status: 'failure' }),
        dep('gh:2', T0 + 2 * DAY),
      ],
      incidents: [],
    };
    const m2021 = compute(input, WEEK, {
      benchmark: BENCHMARK_SETS['dora-2021'],
    });
    expect(m2021.benchmark).toBe('dora-2021');
    expect(m2021.changeFailRate.tier).toBe('low'); // 50 % > 45 %
    expect(m2021.deploymentFrequency.tier).toBe('high'); // 1/7 per day ≥ 1 per 30 days
    const none = compute(input, WEEK, { benchmark: BENCHMARK_SETS.none });
    expect(none.changeFailRate).toMatchObject({
      value: 0.5,
      tier: null,
      tierReason: 'not-benchmarked',
    });
  });
});
