import { computeEntityCoverage } from './computeCoverage';

const ref = 'component:default/checkout';

describe('computeEntityCoverage', () => {
  it('reports every integration missing, with a fix, for a bare component', () => {
    const coverage = computeEntityCoverage(ref, {
      kind: 'Component',
      metadata: {},
      spec: {},
    });
    expect(coverage.applicable).toBe(8);
    expect(coverage.present).toBe(0);
    expect(coverage.percent).toBe(0);
    for (const item of coverage.items) {
      expect(item.present).toBe(false);
      expect(item.fix).toEqual(expect.any(String));
    }
    expect(coverage.items.find(i => i.id === 'oncall')?.fix).toContain(
      'pagerduty.com/service-id',
    );
  });

  it('names the annotations that make each integration present', () => {
    const coverage = computeEntityCoverage(ref, {
      kind: 'Component',
      metadata: {
        annotations: {
          'github.com/project-slug': 'acme/checkout',
          'pagerduty.com/service-id': 'P123ABC',
          'backstage.io/kubernetes-id': 'checkout',
          'backstage.io/managed-by-location': 'file:/tmp/x.yaml',
          'gitlab.com/instance': 'gitlab.example.com',
        },
      },
      spec: { owner: 'group:default/payments' },
    });
    const byId = Object.fromEntries(coverage.items.map(i => [i.id, i]));
    expect(byId.owner.evidence).toEqual(['spec.owner']);
    expect(byId.oncall.evidence).toEqual(['pagerduty.com/service-id']);
    expect(byId.incidents.evidence).toEqual(['pagerduty.com/service-id']);
    expect(byId.deployments.evidence).toEqual(['github.com/project-slug']);
    // a gitlab.com/* key counts as a CI integration (a family of annotations)
    expect(byId.ci.evidence).toEqual([
      'github.com/project-slug',
      'gitlab.com/instance',
    ]);
    expect(byId.kubernetes.present).toBe(true);
    expect(byId.observability.present).toBe(false);
    expect(byId.docs.present).toBe(false);
    // owner, oncall, deployments, incidents, ci, kubernetes = 6 of 8 → 75 %
    expect(coverage.present).toBe(6);
    expect(coverage.percent).toBe(75);
    // only OpsDeck-relevant annotations are echoed back
    expect(coverage.annotations).not.toHaveProperty(
      'backstage.io/managed-by-location',
    );
    expect(coverage.annotations['github.com/project-slug']).toBe(
      'acme/checkout',
    );
  });

  it('counts a runbook link as docs and ignores blank annotation values', () => {
    const coverage = computeEntityCoverage(ref, {
      kind: 'Component',
      metadata: {
        annotations: { 'sentry.io/project-slug': '  ' },
        links: [
          { url: 'https://wiki.example.com/rb', title: 'On-call runbook' },
        ],
      },
    });
    const byId = Object.fromEntries(coverage.items.map(i => [i.id, i]));
    expect(byId.docs.evidence).toEqual(['metadata.links']);
    expect(byId.observability.present).toBe(false);
  });

  it('applies only owner, on-call, observability and docs to a System', () => {
    const coverage = computeEntityCoverage('system:default/payments', {
      kind: 'System',
      metadata: { annotations: { 'opsgenie.com/team': 'payments' } },
      spec: { owner: 'payments' },
    });
    expect(coverage.items.filter(i => i.applicable).map(i => i.id)).toEqual([
      'owner',
      'oncall',
      'observability',
      'docs',
    ]);
    expect(
      coverage.items.find(i => i.id === 'kubernetes')?.fix,
    ).toBeUndefined();
    // owner + oncall of 4 applicable = 50 %
    expect(coverage.percent).toBe(50);
  });

  it('agrees with the cards: inherited on-call and events received from any source count', () => {
    const bare = { kind: 'Component', metadata: {}, spec: {} };
    const coverage = computeEntityCoverage(ref, bare, {
      onCallFrom: 'group:default/payments',
      received: { deployments: true, incidents: true },
    });
    const byId = Object.fromEntries(coverage.items.map(i => [i.id, i]));
    expect(byId.oncall).toMatchObject({
      present: true,
      evidence: ['inherited:group:default/payments'],
    });
    expect(byId.oncall.fix).toBeUndefined();
    expect(byId.incidents.evidence).toEqual(['events-received']);
    expect(byId.deployments.evidence).toEqual(['events-received']);
    expect(coverage.present).toBe(3);

    // An own on-call annotation is named; nothing is said about inheritance then.
    const own = computeEntityCoverage(
      ref,
      {
        kind: 'Component',
        metadata: { annotations: { 'opsgenie.com/team': 'payments' } },
      },
      { onCallFrom: 'group:default/payments' },
    );
    expect(own.items.find(i => i.id === 'oncall')?.evidence).toEqual([
      'opsgenie.com/team',
    ]);
    // Without events, incidents still need an annotation.
    const quiet = computeEntityCoverage(ref, bare, {
      received: { deployments: true, incidents: false },
    });
    expect(quiet.items.find(i => i.id === 'incidents')?.present).toBe(false);
  });
});
