/*
 * OpenSLO v1 `kind: SLO` documents, checked field by field: what OpsDeck needs to evaluate an
 * objective, with the first problem named by its path ("spec.objectives[0].target: …").
 */

/**
 * Where an SLI's numbers come from: a provider type (`prometheus`) and its query.
 *
 * @public
 */
export interface SloMetricSource {
  /** The provider, lower case (`prometheus`). */
  type: string;
  /** The query that selects the counters (Prometheus: a PromQL selector or expression). */
  query: string;
  /** `metricSourceRef`: which configured instance of the provider answers (default: the first). */
  ref?: string;
}

/**
 * An SLI: a ratio of counters (good or bad over total) or a threshold on a metric (the share of
 * good time slices).
 *
 * @public
 */
export type SloIndicator =
  | {
      kind: 'ratio';
      /** Which counter the numerator counts. */
      count: 'good' | 'bad';
      numerator: SloMetricSource;
      total: SloMetricSource;
    }
  | {
      kind: 'threshold';
      /** The metric each objective's threshold applies to. */
      metric: SloMetricSource;
    };

/**
 * One objective of an SLO.
 *
 * @public
 */
export interface SloObjective {
  /** Its name as written, else the target as a percentage. */
  displayName: string;
  /** Between 0 and 1, exclusive (e.g. 0.999). */
  target: number;
  /** A threshold SLI's test: a time slice is good when `metric op value`. */
  threshold?: {
    op: 'lt' | 'lte' | 'gt' | 'gte';
    value: number;
    /** `timeSliceWindow`: the slice each test covers, ms (default one minute). */
    sliceMs: number;
  };
}

/**
 * An OpenSLO v1 SLO as OpsDeck evaluates it.
 *
 * @public
 */
export interface SloDefinition {
  /** `metadata.name`. */
  name: string;
  /** `metadata.displayName`. */
  displayName?: string;
  /** `spec.description`. */
  description?: string;
  /** The window the budget is measured over, ms (rolling). */
  windowMs: number;
  /** The window as written (`28d`). */
  window: string;
  /** Events (`Occurrences`) or good time slices (`Timeslices`). */
  budgetingMethod: 'Occurrences' | 'Timeslices';
  /** What the SLI measures. */
  indicator: SloIndicator;
  /** The targets, each with its own budget. */
  objectives: SloObjective[];
}

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * A duration as OpenSLO writes it (`30m`, `6h`, `28d`, `1w`) in ms; undefined when it is not one.
 *
 * @public
 */
export function parseSloDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)([mhdw])$/.exec(value.trim());
  if (!m || Number(m[1]) <= 0) return undefined;
  return Number(m[1]) * UNIT_MS[m[2]];
}

class SloProblem extends Error {}

const record = (value: unknown, at: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SloProblem(`${at}: must be a mapping`);
  }
  return value as Record<string, unknown>;
};

const text = (value: unknown, at: string): string => {
  if (typeof value !== 'string' || !value.trim()) {
    throw new SloProblem(`${at}: required, a non-empty string`);
  }
  return value.trim();
};

function metricSource(value: unknown, at: string): SloMetricSource {
  const source = record(record(value, at).metricSource, `${at}.metricSource`);
  const type = text(source.type, `${at}.metricSource.type`).toLowerCase();
  const spec = record(source.spec, `${at}.metricSource.spec`);
  const ref =
    source.metricSourceRef === undefined
      ? undefined
      : text(source.metricSourceRef, `${at}.metricSource.metricSourceRef`);
  return {
    type,
    query: text(spec.query, `${at}.metricSource.spec.query`),
    ...(ref ? { ref } : {}),
  };
}

function indicatorOf(spec: Record<string, unknown>): SloIndicator {
  if (spec.indicatorRef !== undefined) {
    throw new SloProblem(
      'spec.indicatorRef: not supported; write the indicator inline (spec.indicator)',
    );
  }
  const at = 'spec.indicator.spec';
  const indicator = record(record(spec.indicator, 'spec.indicator').spec, at);
  if (indicator.ratioMetric !== undefined) {
    const ratio = record(indicator.ratioMetric, `${at}.ratioMetric`);
    const count = (['good', 'bad'] as const).find(
      key => ratio[key] !== undefined,
    );
    if (!count) {
      throw new SloProblem(`${at}.ratioMetric: needs good or bad, and total`);
    }
    return {
      kind: 'ratio',
      count,
      numerator: metricSource(ratio[count], `${at}.ratioMetric.${count}`),
      total: metricSource(ratio.total, `${at}.ratioMetric.total`),
    };
  }
  if (indicator.thresholdMetric !== undefined) {
    return {
      kind: 'threshold',
      metric: metricSource(indicator.thresholdMetric, `${at}.thresholdMetric`),
    };
  }
  throw new SloProblem(`${at}: needs ratioMetric or thresholdMetric`);
}

/**
 * Checks one parsed YAML document as an OpenSLO v1 SLO. Answers the SLO, or the first problem
 * named by its path.
 *
 * @public
 */
export function parseOpenSlo(
  doc: unknown,
): { slo: SloDefinition } | { error: string } {
  try {
    const root = record(doc, 'document');
    if (root.apiVersion !== 'openslo/v1') {
      throw new SloProblem(
        `apiVersion: must be openslo/v1, got ${JSON.stringify(
          root.apiVersion,
        )}`,
      );
    }
    if (root.kind !== 'SLO') {
      throw new SloProblem(
        `kind: must be SLO, got ${JSON.stringify(root.kind)}`,
      );
    }
    const metadata = record(root.metadata, 'metadata');
    const name = text(metadata.name, 'metadata.name');
    const spec = record(root.spec, 'spec');
    const windows = spec.timeWindow;
    if (!Array.isArray(windows) || windows.length !== 1) {
      throw new SloProblem(
        'spec.timeWindow: exactly one window, e.g. [{duration: 28d, isRolling: true}]',
      );
    }
    const window = record(windows[0], 'spec.timeWindow[0]');
    const windowMs = parseSloDuration(window.duration);
    if (windowMs === undefined) {
      throw new SloProblem(
        'spec.timeWindow[0].duration: a duration such as 7d, 28d or 30d',
      );
    }
    if (window.isRolling !== true) {
      throw new SloProblem(
        'spec.timeWindow[0].isRolling: only rolling windows are supported',
      );
    }
    const method = spec.budgetingMethod ?? 'Occurrences';
    if (method !== 'Occurrences' && method !== 'Timeslices') {
      throw new SloProblem('spec.budgetingMethod: Occurrences or Timeslices');
    }
    const indicator = indicatorOf(spec);
    if (method === 'Timeslices' && indicator.kind === 'ratio') {
      throw new SloProblem(
        'spec.budgetingMethod: Timeslices needs a thresholdMetric; a ratio SLI is counted as Occurrences',
      );
    }
    if (!Array.isArray(spec.objectives) || spec.objectives.length === 0) {
      throw new SloProblem(
        'spec.objectives: at least one objective with a target',
      );
    }
    const objectives = spec.objectives.map((raw, i): SloObjective => {
      const at = `spec.objectives[${i}]`;
      const objective = record(raw, at);
      const target = objective.target;
      if (typeof target !== 'number' || !(target > 0 && target < 1)) {
        throw new SloProblem(
          `${at}.target: a number between 0 and 1 (exclusive), e.g. 0.999`,
        );
      }
      let threshold: SloObjective['threshold'];
      if (indicator.kind === 'threshold') {
        const op = objective.op;
        if (op !== 'lt' && op !== 'lte' && op !== 'gt' && op !== 'gte') {
          throw new SloProblem(
            `${at}.op: lt, lte, gt or gte (a threshold SLI)`,
          );
        }
        if (typeof objective.value !== 'number') {
          throw new SloProblem(`${at}.value: the threshold, a number`);
        }
        const sliceMs =
          objective.timeSliceWindow === undefined
            ? 60_000
            : parseSloDuration(objective.timeSliceWindow);
        if (sliceMs === undefined) {
          throw new SloProblem(
            `${at}.timeSliceWindow: a duration such as 1m or 5m`,
          );
        }
        threshold = { op, value: objective.value, sliceMs };
      }
      return {
        ...(threshold ? { threshold } : {}),
        displayName:
          typeof objective.displayName === 'string' &&
          objective.displayName.trim()
            ? objective.displayName.trim()
            : `${+(target * 100).toFixed(6)} %`,
        target,
      };
    });
    return {
      slo: {
        name,
        ...(typeof metadata.displayName === 'string'
          ? { displayName: metadata.displayName }
          : {}),
        ...(typeof spec.description === 'string'
          ? { description: spec.description }
          : {}),
        windowMs,
        window: String(window.duration).trim(),
        budgetingMethod: method,
        indicator,
        objectives,
      },
    };
  } catch (e) {
    if (e instanceof SloProblem) return { error: e.message };
    throw e;
  }
}
