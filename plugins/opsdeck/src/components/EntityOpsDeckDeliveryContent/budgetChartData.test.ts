import { SloHistoryAnswer } from '@opsdeck/backstage-plugin-common';
import { budgetChartData, burnedDeployments } from './budgetChartData';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (t: number) => new Date(t).toISOString();

const answer = (extra: Partial<SloHistoryAnswer> = {}): SloHistoryAnswer => ({
  entityRef: 'component:default/checkout',
  slo: 'availability',
  objective: 'Availability',
  target: 0.999,
  window: '4h',
  evaluatedAt: iso(T0 + 4 * HOUR),
  points: [
    { at: iso(T0), remaining: 1 },
    { at: iso(T0 + 2 * HOUR), remaining: 0.5 },
    { at: iso(T0 + 4 * HOUR), remaining: -0.234 },
  ],
  deployments: [
    {
      id: 'a',
      at: iso(T0 + HOUR),
      status: 'success',
      environment: 'production',
      burnAfter: 0.5,
      budgetSpentAfter: 0.01,
    },
    {
      id: 'b',
      at: iso(T0 + 3 * HOUR),
      status: 'success',
      environment: 'production',
      burnAfter: 9,
      budgetSpentAfter: 0.2,
    },
    {
      id: 'c',
      at: iso(T0 + 3.5 * HOUR),
      status: 'failure',
      environment: 'production',
      burnAfter: null,
      budgetSpentAfter: null,
    },
    {
      id: 'before',
      at: iso(T0 - HOUR),
      status: 'success',
      environment: 'production',
      burnAfter: 5,
      budgetSpentAfter: 0.1,
    },
  ],
  burnedAfter: ['b', 'before'],
  burnAfterThreshold: 2,
  incidents: [{ id: 'i1', openedAt: iso(T0 + 2 * HOUR) }],
  queries: [],
  stale: false,
  ...extra,
});

describe('budgetChartData', () => {
  it('puts deployments and incidents on the curve, flags the failed and the burned, and reaches below the lowest point', () => {
    const data = budgetChartData(answer())!;
    expect(data.from).toBe(T0);
    expect(data.to).toBe(T0 + 4 * HOUR);
    // −23.4 % is the lowest: the axis goes down to −25 %, in steps of 25 %; a tick an hour
    expect(data.yMin).toBe(-25);
    expect(data.yTicks).toEqual([-25, 0, 25, 50, 75, 100]);
    expect(data.xTicks).toEqual([0, 1, 2, 3, 4].map(h => T0 + h * HOUR));
    expect(data.remainingNow).toBeCloseTo(-0.234);
    const marks = data.rows.filter(r => r.mark);
    expect(marks.map(r => [r.t, r.deployment, r.flagged, r.incident])).toEqual([
      // halfway between 100 % and 50 %
      [T0 + HOUR, 75, undefined, undefined],
      [T0 + 2 * HOUR, undefined, undefined, 50],
      // followed by a burn
      [T0 + 3 * HOUR, undefined, expect.closeTo(13.3), undefined],
      // failed
      [T0 + 3.5 * HOUR, undefined, expect.closeTo(-5.05), undefined],
    ]);
    // the deployment before the curve starts is left out of the chart
    expect(data.flaggedTimes).toEqual([
      { id: 'b', t: T0 + 3 * HOUR },
      { id: 'c', t: T0 + 3.5 * HOUR },
    ]);
    // an open incident spans until the end
    expect(data.incidentSpans).toEqual([
      { id: 'i1', from: T0 + 2 * HOUR, to: T0 + 4 * HOUR },
    ]);
    // rows in time order, the curve's point before the incident at the same instant
    expect(data.rows.map(r => r.t)).toEqual(
      [...data.rows.map(r => r.t)].sort((a, b) => a - b),
    );
    const atTwo = data.rows.filter(r => r.t === T0 + 2 * HOUR);
    expect(atTwo.map(r => r.mark?.kind)).toEqual([undefined, 'incident']);
  });

  it('keeps the axis at 0 % while the budget lasts, steps wider when far overspent, and draws nothing without points', () => {
    const healthy = answer({
      points: [
        { at: iso(T0), remaining: 1 },
        { at: iso(T0 + 4 * HOUR), remaining: 0.8 },
      ],
    });
    expect(budgetChartData(healthy)!.yTicks).toEqual([0, 25, 50, 75, 100]);
    // far overspent: wider steps
    const overspent = answer({
      points: [
        { at: iso(T0), remaining: 1 },
        { at: iso(T0 + 4 * HOUR), remaining: -3.1 },
      ],
    });
    expect(budgetChartData(overspent)!.yTicks).toEqual([
      -400, -300, -200, -100, 0, 100,
    ]);
    expect(budgetChartData(answer({ points: [] }))).toBeUndefined();
  });
});

describe('burnedDeployments', () => {
  it('lists the deployments followed by a burn, newest first', () => {
    expect(burnedDeployments(answer()).map(d => d.id)).toEqual(['b', 'before']);
  });
});
