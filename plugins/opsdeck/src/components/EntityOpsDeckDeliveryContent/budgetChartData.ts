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
  /** The y domain's bottom, %: 0, or below the lowest point in steps of 10. */
  yMin: number;
  /** The budget left at the last point, 0–1 (negative once overspent). */
  remainingNow: number;
  /** Incidents as spans on the x axis (open ones until `to`). */
  incidentSpans: Array<{ id: string; from: number; to: number }>;
  /** Failed deployments and those followed by a burn, for their vertical lines. */
  flaggedTimes: Array<{ id: string; t: number }>;
}

const percent = (remaining: number) => Math.round(remaining * 10_000) / 100;

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
  const lowest = Math.min(...points.map(p => p.v));
  return {
    rows,
    from,
    to,
    yMin: lowest < 0 ? Math.floor(lowest / 10) * 10 : 0,
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
