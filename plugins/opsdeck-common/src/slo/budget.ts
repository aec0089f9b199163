/*
 * Error budgets and burn rates, as DESIGN.md ("SLOs and error budgets") defines them. Pure: the
 * counts come from an SLI provider (Prometheus) evaluated at a fixed time; nothing here reads a
 * clock. "No data" (total = 0) is null, never 0 %.
 */

/**
 * Good and total events over one window (ratio SLIs), or good and total time slices
 * (threshold SLIs).
 *
 * @public
 */
export interface SloCounts {
  /** Good events (or good time slices). */
  good: number;
  /** All events (or all time slices). */
  total: number;
}

/**
 * The lookbacks burn rates are measured over, shortest first.
 *
 * @public
 */
export const SLO_LOOKBACKS = ['5m', '30m', '1h', '6h', '1d', '3d'] as const;

/**
 * One of {@link SLO_LOOKBACKS}.
 *
 * @public
 */
export type SloLookback = (typeof SLO_LOOKBACKS)[number];

/**
 * The lookbacks in milliseconds.
 *
 * @public
 */
export const SLO_LOOKBACK_MS: Record<SloLookback, number> = {
  '5m': 5 * 60_000,
  '30m': 30 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '1d': 86_400_000,
  '3d': 3 * 86_400_000,
};

/**
 * The SLI: good ÷ total; null without data.
 *
 * @public
 */
export function sliOf(counts: SloCounts): number | null {
  return counts.total > 0 ? counts.good / counts.total : null;
}

/**
 * The error budget of a window.
 *
 * @public
 */
export interface ErrorBudget {
  /** The objective's target, e.g. 0.999. */
  target: number;
  /** good ÷ total over the window. */
  sli: number;
  /** 1 − target: the share of events allowed to fail. */
  budget: number;
  /** (1 − SLI) ÷ (1 − target): 1 means all of it. */
  consumed: number;
  /** 1 − consumed; negative once exhausted. */
  remaining: number;
  /** remaining ≤ 0. */
  exhausted: boolean;
}

function checkTarget(target: number) {
  if (!(target > 0 && target < 1)) {
    throw new RangeError(
      `target: must lie between 0 and 1 (exclusive), got ${target}`,
    );
  }
}

/**
 * The window's error budget: consumed = (1 − SLI) ÷ (1 − target), remaining = 1 − consumed;
 * null without data.
 *
 * @public
 */
export function errorBudget(
  target: number,
  counts: SloCounts,
): ErrorBudget | null {
  checkTarget(target);
  const sli = sliOf(counts);
  if (sli === null) return null;
  const budget = 1 - target;
  const consumed = (1 - sli) / budget;
  const remaining = 1 - consumed;
  return {
    target,
    sli,
    budget,
    consumed,
    remaining,
    exhausted: remaining <= 0,
  };
}

/**
 * The burn rate over a lookback: (1 − SLI over it) ÷ (1 − target) — 1 spends the budget exactly
 * over the window; null without data.
 *
 * @public
 */
export function burnRate(target: number, counts: SloCounts): number | null {
  checkTarget(target);
  const sli = sliOf(counts);
  return sli === null ? null : (1 - sli) / (1 - target);
}

/**
 * A multi-window burn-rate alert: fires when the burn over both lookbacks is at least `factor`.
 *
 * @public
 */
export interface BurnRule {
  /** The lookback that shows the burn is significant. */
  long: SloLookback;
  /** The lookback that shows it is still going on. */
  short: SloLookback;
  /** The burn rate both must reach. */
  factor: number;
}

/**
 * The Google SRE Workbook's (ch. 5) defaults: page at 14.4× over 1 h and 5 m or 6× over 6 h and
 * 30 m; ticket at 1× over 3 d and 6 h.
 *
 * @public
 */
export const DEFAULT_BURN_RULES: { page: BurnRule[]; ticket: BurnRule[] } = {
  page: [
    { long: '1h', short: '5m', factor: 14.4 },
    { long: '6h', short: '30m', factor: 6 },
  ],
  ticket: [{ long: '3d', short: '6h', factor: 1 }],
};

/**
 * What the burn rates call for.
 *
 * @public
 */
export type BurnStatus = 'page' | 'ticket' | 'ok' | 'no-data';

/**
 * The multi-window multi-burn-rate status: `page` or `ticket` when one of their rules fires,
 * `ok` otherwise, `no-data` when no lookback has data.
 *
 * @public
 */
export function burnStatus(
  burns: Partial<Record<SloLookback, number | null>>,
  rules: { page: BurnRule[]; ticket: BurnRule[] } = DEFAULT_BURN_RULES,
): BurnStatus {
  if (SLO_LOOKBACKS.every(l => burns[l] === undefined || burns[l] === null)) {
    return 'no-data';
  }
  const fires = (rule: BurnRule) =>
    (burns[rule.long] ?? -Infinity) >= rule.factor &&
    (burns[rule.short] ?? -Infinity) >= rule.factor;
  if (rules.page.some(fires)) return 'page';
  if (rules.ticket.some(fires)) return 'ticket';
  return 'ok';
}

/**
 * How long until the budget is spent at the current rate: remaining × window ÷ burn(1 h), in ms.
 * 0 when already exhausted; null when nothing burns or there is no data.
 *
 * @public
 */
export function timeToExhaustion(
  budget: ErrorBudget | null,
  windowMs: number,
  burn1h: number | null,
): number | null {
  if (!budget) return null;
  if (budget.remaining <= 0) return 0;
  if (burn1h === null || burn1h <= 0) return null;
  return (budget.remaining * windowMs) / burn1h;
}

/**
 * The CI gate's answer.
 *
 * @public
 */
export type SloGate = 'wait' | 'go' | 'unknown';

/**
 * The error-budget policy as a gate: `wait` only when the budget is exhausted (remaining at or
 * below `waitAtOrBelow`, default 0), `go` otherwise, `unknown` without data — a pipeline decides
 * what `unknown` means (fail-open by default).
 *
 * @public
 */
export function budgetGate(
  budget: ErrorBudget | null,
  policy: { waitAtOrBelow?: number } = {},
): SloGate {
  if (!budget) return 'unknown';
  return budget.remaining <= (policy.waitAtOrBelow ?? 0) ? 'wait' : 'go';
}
