// Golden fixtures: every expected value is written by hand, with its derivation on the line.
import { BENCHMARK_SETS } from './benchmarks';
import {
  DAY,
  compute,
  HOUR,
  MIN,
  T0,
  WEEK,
  deployment as dep,
  incident as inc,
} from './testFixtures';

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
