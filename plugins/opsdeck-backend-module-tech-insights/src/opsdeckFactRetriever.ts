import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';

const HOUR = 3_600_000;

/** The DORA headline of one metric as `GET /api/opsdeck/org/services` gives it. */
type Headline = { value: number | null; tier: string | null };

/** One Component of `GET /api/opsdeck/org/services`. */
type ServiceRow = {
  entityRef: string;
  coverage: number | null;
  missing: string[];
  dora: Record<
    | 'deploymentFrequency'
    | 'changeLeadTime'
    | 'changeFailRate'
    | 'recoveryTime'
    | 'reworkRate'
    | 'mttr',
    Headline
  >;
};

/** The integrations OpsDeck checks; each becomes a `has…` fact. */
const INTEGRATIONS = {
  owner: 'hasOwner',
  oncall: 'hasOnCall',
  deployments: 'hasDeploymentEvents',
  incidents: 'hasIncidents',
  ci: 'hasCiPipeline',
  observability: 'hasObservability',
  docs: 'hasRunbookOrDocs',
  kubernetes: 'hasKubernetes',
} as const;

const round = (value: number, digits = 2) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** The DORA values, in the units scorecards compare against. */
const METRICS: Array<{
  fact: string;
  metric: keyof ServiceRow['dora'];
  description: string;
  convert: (value: number) => number;
}> = [
  {
    fact: 'deploymentsPerWeek',
    metric: 'deploymentFrequency',
    description: 'Successful production deployments per week (last 90 days)',
    convert: perDay => round(perDay * 7),
  },
  {
    fact: 'changeLeadTimeHours',
    metric: 'changeLeadTime',
    description: 'Median commit-to-production time, hours',
    convert: ms => round(ms / HOUR),
  },
  {
    fact: 'changeFailRatePercent',
    metric: 'changeFailRate',
    description: 'Failed ÷ completed production deployments, %',
    convert: ratio => round(ratio * 100, 1),
  },
  {
    fact: 'recoveryTimeHours',
    metric: 'recoveryTime',
    description: 'Median failed deployment recovery time, hours',
    convert: ms => round(ms / HOUR),
  },
  {
    fact: 'reworkRatePercent',
    metric: 'reworkRate',
    description: 'Unplanned-fix ÷ completed production deployments, %',
    convert: ratio => round(ratio * 100, 1),
  },
  {
    fact: 'mttrHours',
    metric: 'mttr',
    description: 'Median incident open-to-resolve time, hours',
    convert: ms => round(ms / HOUR),
  },
];

/** `component:default/checkout` → the entity a fact row names; nothing for a malformed ref. */
function entityOf(ref: string) {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return { kind, namespace, name };
  } catch {
    return undefined;
  }
}

/** A fact row for one Component: metrics that have a value, tiers, coverage. */
export function factsOf(row: ServiceRow): TechInsightFact | undefined {
  const entity = entityOf(row.entityRef);
  if (!entity) return undefined;
  const facts: TechInsightFact['facts'] = {};
  for (const m of METRICS) {
    const headline = row.dora[m.metric];
    // No value (nothing to measure yet) is no fact, never 0: a check then says "no data".
    if (headline?.value !== null && headline?.value !== undefined) {
      facts[m.fact] = m.convert(headline.value);
    }
    if (headline?.tier) facts[`${m.metric}Tier`] = headline.tier;
  }
  if (row.coverage !== null) facts.coveragePercent = row.coverage;
  for (const [id, fact] of Object.entries(INTEGRATIONS)) {
    facts[fact] = !row.missing.includes(id);
  }
  return { entity, facts };
}

/**
 * A Tech Insights fact retriever with OpsDeck's numbers for every Component: the DORA metrics
 * of the last 90 days with their tiers, and its integration coverage — read from OpsDeck's
 * `GET /org/services` with the tech-insights plugin's own service token, so scorecards can
 * check, say, `changeFailRatePercent < 15` or `hasOnCall == true`.
 *
 * @public
 */
export const opsdeckFactRetriever: FactRetriever = {
  id: 'opsdeck-fact-retriever',
  version: '0.1.0',
  title: 'OpsDeck',
  description:
    'DORA metrics (last 90 days) with their tiers, and integration coverage, from OpsDeck',
  entityFilter: [{ kind: 'component' }],
  schema: {
    ...Object.fromEntries(
      METRICS.flatMap(m => [
        [m.fact, { type: 'float', description: m.description }],
        [
          `${m.metric}Tier`,
          {
            type: 'string',
            description: `Tier of ${m.metric} under OpsDeck's benchmark set (elite, high, medium, low)`,
          },
        ],
      ]),
    ),
    coveragePercent: {
      type: 'integer',
      description: 'OpsDeck integrations present ÷ applicable, %',
    },
    ...Object.fromEntries(
      Object.entries(INTEGRATIONS).map(([id, fact]) => [
        fact,
        { type: 'boolean', description: `OpsDeck finds the ${id} integration` },
      ]),
    ),
  },
  async handler({ discovery, auth, logger }) {
    const baseUrl = await discovery.getBaseUrl('opsdeck');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'opsdeck',
    });
    const res = await fetch(`${baseUrl}/org/services`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const body = (await res.json()) as { services: ServiceRow[] };
    const facts = body.services.flatMap(row => factsOf(row) ?? []);
    logger.info(`OpsDeck facts for ${facts.length} components`);
    return facts;
  },
};
