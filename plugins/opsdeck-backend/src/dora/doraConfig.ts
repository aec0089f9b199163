import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  BENCHMARK_SETS,
  BenchmarkSet,
  BenchmarkedMetric,
  DoraRules,
  TierThresholds,
  createCustomBenchmarkSet,
} from '@opsdeck/backstage-plugin-common';
import { createHash } from 'node:crypto';

const HOUR_MS = 3_600_000;

/** Custom thresholds are written in people's units: per day, hours, percent. */
const CUSTOM_UNITS: Record<
  BenchmarkedMetric,
  { comparison: TierThresholds['comparison']; scale: number }
> = {
  deploymentFrequency: { comparison: 'at-least', scale: 1 },
  changeLeadTime: { comparison: 'below', scale: HOUR_MS },
  changeFailRate: { comparison: 'at-most', scale: 0.01 },
  recoveryTime: { comparison: 'below', scale: HOUR_MS },
  mttr: { comparison: 'below', scale: HOUR_MS },
};

/**
 * `opsdeck.dora.*` read into the DORA rules, the benchmark set, and a hash of the rules (the
 * stored facts are rebuilt when it changes).
 *
 * @internal
 */
export function readDoraConfig(config: Config): {
  rules: DoraRules;
  benchmark: BenchmarkSet;
  rulesHash: string;
} {
  const dora = config.getOptionalConfig('opsdeck.dora');
  const rules: DoraRules = {};
  const environments = dora?.getOptionalStringArray('productionEnvironments');
  if (environments) rules.productionEnvironments = environments;
  if (dora?.has('attributionWindow')) {
    rules.attributionWindowMs = durationToMilliseconds(
      readDurationFromConfig(dora, { key: 'attributionWindow' }),
    );
  }
  if (dora?.has('sameRolloutWindow')) {
    rules.sameRolloutWindowMs = durationToMilliseconds(
      readDurationFromConfig(dora, { key: 'sameRolloutWindow' }),
    );
    if (!(rules.sameRolloutWindowMs >= 0)) {
      throw new Error(
        'opsdeck.dora.sameRolloutWindow: must be a duration of zero or more',
      );
    }
  }
  const incidents = dora?.getOptionalConfig('incidents');
  if (incidents) {
    rules.incidents = {
      minSeverity: incidents.getOptionalString('minSeverity'),
      environments: incidents.getOptionalStringArray('environments'),
      includeAlerts: incidents.getOptionalBoolean('includeAlerts'),
    };
  }

  const name = dora?.getOptionalString('benchmark') ?? 'dora-2023';
  let benchmark: BenchmarkSet;
  if (name === 'custom') {
    const custom = dora?.getOptionalConfig('customThresholds');
    const metrics: Partial<Record<BenchmarkedMetric, TierThresholds>> = {};
    for (const [metric, unit] of Object.entries(CUSTOM_UNITS) as Array<
      [BenchmarkedMetric, (typeof CUSTOM_UNITS)[BenchmarkedMetric]]
    >) {
      const t = custom?.getOptionalConfig(metric);
      if (!t) continue;
      metrics[metric] = {
        comparison: unit.comparison,
        elite: t.getNumber('elite') * unit.scale,
        high: t.getNumber('high') * unit.scale,
        medium: t.getNumber('medium') * unit.scale,
      };
    }
    benchmark = createCustomBenchmarkSet(metrics);
  } else if (name in BENCHMARK_SETS) {
    benchmark = BENCHMARK_SETS[name as keyof typeof BENCHMARK_SETS];
  } else {
    throw new Error(
      `opsdeck.dora.benchmark: unknown set '${name}'; use dora-2023, dora-2021, none or custom`,
    );
  }

  const rulesHash = createHash('sha256')
    .update(JSON.stringify(rules))
    .digest('hex');
  return { rules, benchmark, rulesHash };
}
