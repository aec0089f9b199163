import { factsOf, opsdeckFactRetriever } from './opsdeckFactRetriever';

const headline = (value: number | null, tier: string | null = null) => ({
  value,
  tier,
});

describe('OpsDeck facts', () => {
  it('turns a service row into facts in the units scorecards compare, leaving out what has no value', () => {
    const facts = factsOf({
      entityRef: 'component:default/checkout',
      coverage: 62,
      missing: ['oncall', 'kubernetes'],
      dora: {
        deploymentFrequency: headline(0.5, 'high'),
        changeLeadTime: headline(5_400_000, 'elite'),
        changeFailRate: headline(0.125, 'high'),
        recoveryTime: headline(null),
        reworkRate: headline(0.0333),
        mttr: headline(null),
      },
    });
    expect(facts).toEqual({
      entity: { kind: 'component', namespace: 'default', name: 'checkout' },
      facts: {
        deploymentsPerWeek: 3.5,
        deploymentFrequencyTier: 'high',
        changeLeadTimeHours: 1.5,
        changeLeadTimeTier: 'elite',
        changeFailRatePercent: 12.5,
        changeFailRateTier: 'high',
        reworkRatePercent: 3.3,
        coveragePercent: 62,
        hasOwner: true,
        hasOnCall: false,
        hasDeploymentEvents: true,
        hasIncidents: true,
        hasCiPipeline: true,
        hasObservability: true,
        hasRunbookOrDocs: true,
        hasKubernetes: false,
      },
    });
  });

  it('declares every fact it can store in its schema', () => {
    const facts = factsOf({
      entityRef: 'component:default/x',
      coverage: 100,
      missing: [],
      dora: {
        deploymentFrequency: headline(1, 'elite'),
        changeLeadTime: headline(1, 'elite'),
        changeFailRate: headline(0, 'elite'),
        recoveryTime: headline(1, 'elite'),
        reworkRate: headline(0, 'elite'),
        mttr: headline(1, 'elite'),
      },
    })!;
    expect(Object.keys(facts.facts).sort()).toEqual(
      Object.keys(opsdeckFactRetriever.schema).sort(),
    );
  });
});
