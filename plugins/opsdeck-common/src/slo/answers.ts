/*
 * What the SLO routes answer. Every number carries the queries that produced it; "no data" is
 * null, never 0.
 */
import type { BurnStatus, ErrorBudget, SloGate, SloLookback } from './budget';

/**
 * Good and total over one span, with the queries behind them.
 *
 * @public
 */
export interface SloCountsAnswer {
  /** Good events (or good time slices). */
  good: number;
  /** All events (or all time slices); 0 means no data. */
  total: number;
  /** The provider's queries, numerator first. */
  queries: string[];
}

/**
 * The burn rate over one lookback.
 *
 * @public
 */
export interface SloBurnAnswer {
  /** The span the rate is measured over. */
  lookback: SloLookback;
  /** (1 − SLI over the lookback) ÷ (1 − target); null without data. */
  rate: number | null;
  /** The provider's queries, numerator first. */
  queries: string[];
}

/**
 * One objective of an SLO, evaluated at `evaluatedAt`.
 *
 * @public
 */
export interface SloObjectiveAnswer {
  /** The objective's name as written, else its target as a percentage. */
  displayName: string;
  /** The target, between 0 and 1 (exclusive). */
  target: number;
  /** The SLI over the whole window; null without data. */
  sli: number | null;
  /** Counts over the window. */
  window: SloCountsAnswer;
  /** The budget over the window; null without data. */
  budget: ErrorBudget | null;
  /** remaining × window, ms (negative once exhausted); null without data. */
  remainingMs: number | null;
  /** The burn rate over each of the six lookbacks, shortest first. */
  burnRates: SloBurnAnswer[];
  /** The multi-window multi-burn-rate status. */
  status: BurnStatus;
  /** At the 1 h burn rate; 0 when exhausted, null when nothing burns or without data. */
  timeToExhaustionMs: number | null;
}

/**
 * One SLO of a Component.
 *
 * @public
 */
export interface SloAnswer {
  /** `metadata.name`. */
  name: string;
  /** `metadata.displayName`. */
  displayName?: string;
  /** `spec.description`. */
  description?: string;
  /** The window as written (`28d`) and in ms. */
  window: string;
  /** The window in ms. */
  windowMs: number;
  /** The file or URL it was read from, as the annotation names it. */
  file: string;
  /** Which provider answered, e.g. `{ type: 'prometheus', instance: 'main' }`. */
  provider: { type: string; instance?: string };
  /** A link to the provider's own graph of the SLI, when it has one (http(s) only). */
  graphUrl?: string;
  /** Each objective, evaluated. */
  objectives: SloObjectiveAnswer[];
  /** Set when this SLO could not be evaluated; `objectives` is then empty. */
  error?: { reason: 'no-provider' | 'provider-error'; message: string };
}

/**
 * A Component's SLOs (`GET /entities/{kind}/{namespace}/{name}/slo`).
 *
 * @public
 */
export interface EntitySloAnswer {
  /** The Component. */
  entityRef: string;
  /** The annotation value, when the Component has one. */
  annotation?: string;
  /** Its SLOs, in the order its files name them. */
  slos: SloAnswer[];
  /** Files that could not be read or are not valid OpenSLO, with the field named. */
  problems: Array<{ file: string; error: string }>;
  /** The fixed evaluation time of every query, ISO 8601. */
  evaluatedAt: string;
  /** When the answer was computed; older than a refresh when `stale`. */
  asOf: string;
  /** True when the provider did not answer and this is the last known answer. */
  stale: boolean;
}

/**
 * The error-budget gate for a pipeline (`GET /entities/{kind}/{namespace}/{name}/slo/gate`).
 *
 * @public
 */
export interface SloGateAnswer {
  /** The Component. */
  entityRef: string;
  /** `wait` only when a budget is exhausted under the policy, `unknown` without data. */
  decision: SloGate;
  /** What the pipeline should do: false for `wait`, and for `unknown` only when the policy fails closed. */
  proceed: boolean;
  /** One line per objective that decided, or why nothing could. */
  reasons: string[];
  /** The evaluation time of the SLO answer it decided on. */
  evaluatedAt: string;
  /** True when that answer is the last known one (the provider did not answer). */
  stale: boolean;
}

/**
 * A deployment in an SLO's window, with what the hour after it burned.
 *
 * @public
 */
export interface SloDeploymentMark {
  /** The source's id of the deployment. */
  id: string;
  /** When it finished, ISO 8601. */
  at: string;
  /** `success`, `failure`, … */
  status: string;
  /** Its environment (a production one). */
  environment: string;
  /** What people call it. */
  title?: string;
  /** Link back to the source; http(s) only. */
  url?: string;
  /** The commit it deployed. */
  sha?: string;
  /** Burn rate over the hour after it finished; null without data or still under an hour old. */
  burnAfter: number | null;
  /** Share of the window's budget spent in that hour; null without data. */
  budgetSpentAfter: number | null;
}

/**
 * An incident in an SLO's window.
 *
 * @public
 */
export interface SloIncidentMark {
  /** The source's id of the incident. */
  id: string;
  /** When it opened, ISO 8601. */
  openedAt: string;
  /** When it was resolved, ISO 8601; absent while open. */
  resolvedAt?: string;
  /** What people call it. */
  title?: string;
  /** Link back to the source; http(s) only. */
  url?: string;
}

/**
 * One objective's budget over its window, with OpsDeck's own deployments and incidents marked
 * (`GET /entities/{kind}/{namespace}/{name}/slo/history?slo=&objective=`).
 *
 * @public
 */
export interface SloHistoryAnswer {
  /** The Component. */
  entityRef: string;
  /** The SLO's `metadata.name`. */
  slo: string;
  /** The objective's display name. */
  objective: string;
  /** The objective's target. */
  target: number;
  /** The SLO's window as written (`28d`). */
  window: string;
  /** The fixed evaluation time, ISO 8601: the curve's last point. */
  evaluatedAt: string;
  /** Budget remaining at each point, from the window's start to `evaluatedAt`. */
  points: Array<{ at: string; remaining: number }>;
  /** Production deployments in the window, oldest first. */
  deployments: SloDeploymentMark[];
  /** Deployments whose following hour burned at least `burnAfterThreshold`. */
  burnedAfter: string[];
  /** The burn rate that lists a deployment as followed by a burn (default 1). */
  burnAfterThreshold: number;
  /** The Component's incidents in the window, oldest first. */
  incidents: SloIncidentMark[];
  /** The queries behind the points. */
  queries: string[];
  /** Set when there is nothing to draw (no data, provider down). */
  error?: { reason: string; message: string };
  /** True when the provider did not answer and this is the last known answer. */
  stale: boolean;
}

/**
 * A service's budget state in a team or org view.
 *
 * @public
 */
export type SloBudgetState =
  | 'exhausted'
  | 'burning'
  | 'healthy'
  | 'no-data'
  | 'no-slo';

/**
 * A team's or the organisation's services by budget state (`GET /groups/…/slo`, `GET /org/slo`).
 *
 * @public
 */
export interface ScopeSloAnswer {
  /** The scope's Components, by entity ref. */
  items: Array<{
    entityRef: string;
    title?: string;
    state: SloBudgetState;
    /** The objective that decided the state (the least budget remaining). */
    worst?: {
      slo: string;
      objective: string;
      remaining: number | null;
      status: BurnStatus;
    };
  }>;
  /** How many services are in each state. */
  counts: Record<SloBudgetState, number>;
  /** True when any answer behind it is a last known one. */
  stale: boolean;
}

/**
 * A service's budget state from its SLO answer: exhausted when any objective's budget is spent,
 * burning when any pages or tickets, healthy when all have data and none burns, no data
 * otherwise (an SLO without data or with a provider error), no SLO without the annotation.
 *
 * @public
 */
export function sloBudgetState(answer: {
  annotation?: string;
  slos: Array<Pick<SloAnswer, 'objectives' | 'error'>>;
  problems: unknown[];
}): SloBudgetState {
  if (!answer.annotation) return 'no-slo';
  const objectives = answer.slos.flatMap(s => s.objectives);
  if (objectives.some(o => o.budget?.exhausted)) return 'exhausted';
  if (objectives.some(o => o.status === 'page' || o.status === 'ticket')) {
    return 'burning';
  }
  const complete =
    objectives.length > 0 &&
    answer.problems.length === 0 &&
    answer.slos.every(s => !s.error) &&
    objectives.every(o => o.budget !== null);
  return complete ? 'healthy' : 'no-data';
}
