import {
  SloDeploymentMark,
  SloHistoryAnswer,
  SloIncidentMark,
} from '@opsdeck/backstage-plugin-common';

/**
 * One row of the budget chart, on one time axis: a point of the curve, or a deployment or an
 * incident placed on the curve at its time. Exactly one of the plotted values is set, so the
 * tooltip of a row is about one thing.
 */
export interface BudgetRow {
  /** Epoch ms. */
  t: number;
  /** Budget left, % (negative once overspent). */
  remaining?: number;
  /** Where a deployment that neither failed nor was followed by a burn sits, %. */
  deployment?: number;
  /** Where a failed deployment, or one followed by a burn, sits, %. */
  flagged?: number;
  /** Where an incident's start sits, %. */
  incident?: number;
  mark?:
    | { kind: 'deployment'; deployment: SloDeploymentMark; flagged: boolean }
    | { kind: 'incident'; incident: SloIncidentMark };
}

/** The chart's rows, axes and what it says in words. */
export interface BudgetChartData {
  rows: BudgetRow[];
  /** The x domain: the window's start and the evaluation time, epoch ms. */
  from: number;
  to: number;
  /** The y domain's bottom, %: 0, or the step below the lowest point. */
  yMin: number;
  /** The y axis' ticks, % (from `yMin` to 100 in even steps). */
  yTicks: number[];
  /** The x axis' ticks: at most about seven, at 00:00 UTC (whole hours on a short window). */
  xTicks: number[];
  /** The budget left at the last point, 0–1 (negative once overspent). */
  remainingNow: number;
  /** Incidents as spans on the x axis (open ones until `to`). */
  incidentSpans: Array<{ id: string; from: number; to: number }>;
  /** Failed deployments and those followed by a burn, for their vertical lines. */
  flaggedTimes: Array<{ id: string; t: number }>;
}

const percent = (remaining: number) => Math.round(remaining * 10_000) / 100;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Even steps from the lowest point (or 0) up to 100 %: 25 % apart, wider when overspent far. */
function yAxis(lowest: number): { yMin: number; yTicks: number[] } {
  const bottom = Math.min(0, lowest);
  const step =
    [25, 50, 100, 250, 500].find(s => (100 - bottom) / s <= 6) ?? 1000;
  const yMin = Math.floor(bottom / step) * step;
  const yTicks: number[] = [];
  for (let v = yMin; v <= 100; v += step) yTicks.push(v);
  if (yTicks[yTicks.length - 1] !== 100) yTicks.push(100);
  return { yMin, yTicks };
}

/** At most about seven ticks at whole days (UTC), or whole hours on a window under two days. */
function xTicks(from: number, to: number): number[] {
  const unit = to - from >= 2 * DAY ? DAY : HOUR;
  const step = Math.max(1, Math.ceil((to - from) / unit / 7)) * unit;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / unit) * unit; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** Whether a deployment is drawn as a warning: it failed, or the hour after it burned. */
export function isFlagged(
  deployment: SloDeploymentMark,
  burnedAfter: ReadonlySet<string>,
): boolean {
  return deployment.status === 'failure' || burnedAfter.has(deployment.id);
}

/** The curve's value at `t` (%), linear between its points and flat beyond its ends. */
function curveAt(points: Array<{ t: number; v: number }>, t: number): number {
  if (t <= points[0].t) return points[0].v;
  for (let i = 1; i < points.length; i++) {
    const b = points[i];
    if (t <= b.t) {
      const a = points[i - 1];
      return b.t === a.t ? b.v : a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t);
    }
  }
  return points[points.length - 1].v;
}

/**
 * The budget chart of a history answer, or undefined when it has no points to draw. Deployments
 * and incidents outside the curve's span are left out of the chart (not out of the list below
 * it).
 */
export function budgetChartData(
  answer: SloHistoryAnswer,
): BudgetChartData | undefined {
  const points = answer.points
    .map(p => ({ t: Date.parse(p.at), v: percent(p.remaining) }))
    .filter(p => Number.isFinite(p.t) && Number.isFinite(p.v))
    .sort((a, b) => a.t - b.t);
  if (points.length === 0) return undefined;
  const from = points[0].t;
  const evaluatedAt = Date.parse(answer.evaluatedAt);
  const to = Math.max(
    points[points.length - 1].t,
    Number.isFinite(evaluatedAt) ? evaluatedAt : 0,
  );
  const inside = (t: number) => Number.isFinite(t) && t >= from && t <= to;
  const burned = new Set(answer.burnedAfter);
  const rows: BudgetRow[] = points.map(p => ({ t: p.t, remaining: p.v }));
  const flaggedTimes: BudgetChartData['flaggedTimes'] = [];
  for (const deployment of answer.deployments) {
    const t = Date.parse(deployment.at);
    if (!inside(t)) continue;
    const flagged = isFlagged(deployment, burned);
    const y = curveAt(points, t);
    rows.push({
      t,
      ...(flagged ? { flagged: y } : { deployment: y }),
      mark: { kind: 'deployment', deployment, flagged },
    });
    if (flagged) flaggedTimes.push({ id: deployment.id, t });
  }
  const incidentSpans: BudgetChartData['incidentSpans'] = [];
  for (const incident of answer.incidents) {
    const opened = Date.parse(incident.openedAt);
    if (!inside(opened)) continue;
    const resolved = incident.resolvedAt ? Date.parse(incident.resolvedAt) : to;
    rows.push({
      t: opened,
      incident: curveAt(points, opened),
      mark: { kind: 'incident', incident },
    });
    incidentSpans.push({
      id: incident.id,
      from: opened,
      to: Math.min(to, Number.isFinite(resolved) ? resolved : to),
    });
  }
  // a stable order: by time, the curve's point before what happened at the same instant
  rows.sort((a, b) => a.t - b.t || Number(!!a.mark) - Number(!!b.mark));
  return {
    rows,
    from,
    to,
    ...yAxis(Math.min(...points.map(p => p.v))),
    xTicks: xTicks(from, to),
    remainingNow: points[points.length - 1].v / 100,
    incidentSpans,
    flaggedTimes,
  };
}

/**
 * The deployments the hour after which burned at least the threshold, newest first.
 */
export function burnedDeployments(
  answer: SloHistoryAnswer,
): SloDeploymentMark[] {
  const burned = new Set(answer.burnedAfter);
  return answer.deployments
    .filter(d => burned.has(d.id))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
