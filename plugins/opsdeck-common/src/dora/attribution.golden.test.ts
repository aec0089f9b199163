// Golden fixtures for which deployment an incident or a rollback fails: every expected value is
// written by hand, with its derivation on the line.
import { DoraFacts } from './facts';
import { DoraInput } from './types';
import {
  DAY,
  compute,
  HOUR,
  T0,
  WEEK,
  deployment as dep,
  incident as inc,
} from './testFixtures';

describe('DORA golden fixtures: attribution, causedBy and rollbacks', () => {
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
});
