// Golden cases of one Component's history across tools: every expected value is written by hand.
import { deriveComponentFacts, mergeSameRollouts } from './componentFacts';
import { DAY, HOUR, MIN, T0, deployment, incident } from './testFixtures';

const C = 'component:default/checkout';
const GH = 'annotation:github.com/project-slug=acme/checkout';
const PD = 'annotation:pagerduty.com/service-id=PCHK001';
const ARGO = 'annotation:argocd/app-name=checkout';

const facts = (
  history: Omit<Parameters<typeof deriveComponentFacts>[0], 'component'>,
  rules = {},
) => deriveComponentFacts({ component: C, ...history }, rules);
const byKey = <T extends { key: string }>(list: T[]) =>
  Object.fromEntries(list.map(x => [x.key, x]));

describe('mergeSameRollouts', () => {
  const sha = { sha: 'abc1234' };
  it('merges two sources reporting one rollout within the window: earliest finish, latest status', () => {
    const { deployments, mergedInto, sources } = mergeSameRollouts(
      [
        deployment('argo:a', T0 + 10 * MIN, { commit: sha, status: 'failure' }),
        deployment('gh:1', T0, { commit: sha }),
      ],
      HOUR,
    );
    expect(deployments).toHaveLength(1);
    // gh:1 finished first (10:00 vs 10:10): it represents; argo's later "failure" wins the status.
    expect(deployments[0]).toMatchObject({
      key: 'gh:1',
      finishedAt: T0,
      status: 'failure',
    });
    expect([...mergedInto]).toEqual([['argo:a', 'gh:1']]);
    expect(sources.get('gh:1')).toEqual(['gh:1', 'argo:a']);
  });

  it('keeps apart: one source twice, another environment, another SHA, or outside the window', () => {
    const keep = (ds: Parameters<typeof mergeSameRollouts>[0]) =>
      mergeSameRollouts(ds, HOUR).deployments.length;
    expect(
      keep([
        deployment('gh:1', T0, { commit: sha }),
        deployment('gh:2', T0 + MIN, { commit: sha }),
      ]),
    ).toBe(2); // a redeploy by the same tool is a second deployment
    expect(
      keep([
        deployment('gh:1', T0, { commit: sha }),
        deployment('argo:a', T0, { commit: sha, environment: 'staging' }),
      ]),
    ).toBe(2);
    expect(
      keep([
        deployment('gh:1', T0, { commit: sha }),
        deployment('argo:a', T0, { commit: { sha: 'def5678' } }),
      ]),
    ).toBe(2);
    expect(
      keep([
        deployment('gh:1', T0, { commit: sha }),
        deployment('argo:a', T0 + HOUR + 1, { commit: sha }),
      ]),
    ).toBe(2); // 1 h 1 ms apart
    expect(
      keep([
        deployment('gh:1', T0, { commit: sha }),
        deployment('argo:a', T0 + HOUR, { commit: { sha: 'ABC1234' } }),
      ]),
    ).toBe(1); // exactly 1 h apart, SHA case ignored
  });
});

describe('deriveComponentFacts', () => {
  it('a PagerDuty incident fails a GitHub deployment of the same Component, and says so', () => {
    const f = facts({
      deployments: [
        deployment('gh:1', T0 + 10 * HOUR, { service: GH }),
        deployment('argo:2', T0 + 20 * HOUR, { service: ARGO }),
      ],
      // Opened 2 h after gh:1 (inside 24 h; argo:2 finished after it opened), resolved 3 h later.
      incidents: [
        incident('pd:1', T0 + 12 * HOUR, {
          service: PD,
          resolvedAt: T0 + 15 * HOUR,
        }),
      ],
    });
    const d = byKey(f.deployments);
    expect(d['gh:1']).toMatchObject({
      failed: true,
      recovery: 5 * HOUR, // 15:00 − 10:00
      explain: {
        failed: { incidents: [{ key: 'pd:1', by: 'window' }] },
        recoveredBy: { incidents: ['pd:1'] },
      },
    });
    expect(d['argo:2']).toMatchObject({ failed: false, explain: {} });
    expect(f.incidents.map(i => i.key)).toEqual(['pd:1']);
  });

  it('a shared identity’s incident is attributed only through causedBy', () => {
    const history = {
      deployments: [deployment('gh:1', T0 + 10 * HOUR)],
      incidents: [incident('pd:1', T0 + 11 * HOUR)],
    };
    expect(facts(history).deployments[0].failed).toBe(true); // by the window
    expect(
      facts({ ...history, sharedIncidents: new Set(['pd:1']) }).deployments[0]
        .failed,
    ).toBe(false);
    const named = facts({
      deployments: history.deployments,
      incidents: [
        incident('pd:1', T0 + 11 * HOUR, { causedBy: { deployment: 'gh:1' } }),
      ],
      sharedIncidents: new Set(['pd:1']),
    });
    expect(named.deployments[0]).toMatchObject({
      failed: true,
      explain: { failed: { incidents: [{ key: 'pd:1', by: 'causedBy' }] } },
    });
  });

  it("another Component's incident naming a deployment fails it but stays out of this Component's MTTR", () => {
    const f = facts({
      deployments: [deployment('gh:1', T0)],
      incidents: [],
      foreignIncidents: [
        incident('pd:9', T0 + HOUR, {
          service: 'entity:component:default/payments',
          causedBy: { deployment: 'gh:1' },
        }),
      ],
    });
    expect(f.deployments[0].failed).toBe(true);
    expect(f.incidents).toEqual([]);
  });

  it('a rollout reported twice is one deployment; its changes count once; an incident naming the merged report fails the representative', () => {
    const commit = { sha: 'abc1234' };
    const f = facts({
      deployments: [
        deployment('gh:1', T0 + HOUR, {
          commit,
          changes: [{ sha: 'abc1234', time: T0 }],
        }),
        deployment('argo:a', T0 + HOUR + 5 * MIN, { commit, service: ARGO }),
      ],
      incidents: [
        incident('pd:1', T0 + 2 * DAY, { causedBy: { deployment: 'argo:a' } }),
      ],
    });
    expect(f.deployments.map(d => d.key)).toEqual(['gh:1']);
    expect(f.merged).toEqual([
      { key: 'argo:a', into: 'gh:1', finishedAt: T0 + HOUR + 5 * MIN },
    ]);
    expect(f.deployments[0]).toMatchObject({
      failed: true,
      leadTimes: [HOUR], // committed at T0, first shipped at T0 + 1 h
      explain: {
        sources: ['gh:1', 'argo:a'],
        firstShipped: ['abc1234'],
        failed: { incidents: [{ key: 'pd:1', by: 'causedBy' }] },
      },
    });
  });

  it('recovery by the next success of any source; the same millisecond is discarded', () => {
    const f = facts({
      deployments: [
        deployment('gh:1', T0, { status: 'failure' }),
        deployment('argo:2', T0 + 30 * MIN, { service: ARGO }),
        deployment('gh:3', T0 + HOUR, { status: 'failure' }),
        deployment('ci:4', T0 + HOUR),
      ],
      incidents: [],
    });
    const d = byKey(f.deployments);
    expect(d['gh:1']).toMatchObject({
      recovery: 30 * MIN,
      explain: {
        failed: { status: true },
        recoveredBy: { deployment: 'argo:2' },
      },
    });
    expect(d['gh:3']).toMatchObject({
      recovery: 'discarded',
      explain: { recoveredBy: { deployment: 'ci:4' } },
    });
  });

  it('only a successful rollback fails its target; an ignored rollbackOf says why', () => {
    const f = facts({
      deployments: [
        deployment('gh:1', T0),
        deployment('gh:2', T0 + HOUR, {
          rollbackOf: 'gh:1',
          status: 'failure',
        }),
        deployment('gh:3', T0 + 2 * HOUR, { rollbackOf: 'gh:404' }),
        deployment('gh:4', T0 + 3 * HOUR, { rollbackOf: 'gh:1' }),
      ],
      incidents: [],
    });
    const d = byKey(f.deployments);
    expect(d['gh:1']).toMatchObject({
      failed: true,
      explain: { failed: { rolledBackBy: ['gh:4'] } },
    });
    expect(d['gh:2'].explain.ignoredRollback).toBe('rollback-not-successful');
    expect(d['gh:3'].explain.ignoredRollback).toBe('unknown-target');
    expect(d['gh:4'].explain.ignoredRollback).toBeUndefined();
  });
});
