import { computeEntityCoverage } from './computeCoverage';
import { summarizeScopeCoverage } from './scopeCoverage';

const component = (name: string, annotations: Record<string, string>) =>
  computeEntityCoverage(`component:default/${name}`, {
    kind: 'Component',
    metadata: { annotations, ...(name === 'a' ? { title: 'Service A' } : {}) },
    spec: { owner: 'group:default/payments' },
  });

describe('summarizeScopeCoverage', () => {
  it('sums present and applicable over services (not a mean of percentages), least covered first', () => {
    const a = component('a', {
      'github.com/project-slug': 'acme/a',
      'pagerduty.com/service-id': 'P1',
      'backstage.io/kubernetes-id': 'a',
    });
    const b = component('b', {});
    const scope = summarizeScopeCoverage(
      { type: 'group', entityRef: 'group:default/payments' },
      [a, b],
    );
    // a: owner, oncall, deployments, incidents, ci, kubernetes = 6 of 8; b: owner = 1 of 8
    expect(a.present).toBe(6);
    expect(b.present).toBe(1);
    expect(scope.present).toBe(7);
    expect(scope.applicable).toBe(16);
    expect(scope.percent).toBe(43);
    expect(scope.services.map(s => s.entityRef)).toEqual([
      'component:default/b',
      'component:default/a',
    ]);
    expect(scope.services[1].title).toBe('Service A');
    expect(scope.services[0].missing.map(m => m.id)).toContain('oncall');
    expect(scope.services[0].missing[0].fix).toMatch(/`/);
    expect(scope.integrations.find(i => i.id === 'oncall')).toEqual({
      id: 'oncall',
      title: 'On-call',
      present: 1,
      applicable: 2,
    });
  });

  it('has no percentage without services', () => {
    expect(summarizeScopeCoverage({ type: 'org' }, [])).toMatchObject({
      percent: null,
      services: [],
    });
  });
});
