import { SloHistoryAnswer } from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { cloneElement, ReactElement } from 'react';
import { renderOnEntity } from '../../__testUtils__/fixtures';
import { formatInstant } from '../shared/format';
import { BudgetChart, BudgetTooltip } from './BudgetChart';
import { budgetChartData } from './budgetChartData';

// jsdom lays nothing out: the chart gets a fixed size instead of its container's.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: (props: { children: ReactElement }) =>
      cloneElement(props.children, { width: 800, height: 260 }),
  };
});

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (t: number) => new Date(t).toISOString();

const answer: SloHistoryAnswer = {
  entityRef: 'component:default/checkout',
  slo: 'availability',
  objective: 'Availability',
  target: 0.999,
  window: '4h',
  evaluatedAt: iso(T0 + 4 * HOUR),
  points: [0, 1, 2, 3, 4].map(h => ({
    at: iso(T0 + h * HOUR),
    remaining: 1 - h * 0.3,
  })),
  deployments: [
    {
      id: 'ok',
      at: iso(T0 + HOUR),
      status: 'success',
      environment: 'production',
      burnAfter: 0.5,
      budgetSpentAfter: 0.01,
    },
    {
      id: 'burned',
      title: 'Deploy #2',
      at: iso(T0 + 2.25 * HOUR),
      status: 'success',
      environment: 'production',
      burnAfter: 9,
      budgetSpentAfter: 0.2,
    },
    {
      id: 'failed',
      at: iso(T0 + 3 * HOUR),
      status: 'failure',
      environment: 'production',
      burnAfter: 1,
      budgetSpentAfter: 0.02,
    },
  ],
  burnedAfter: ['burned'],
  burnAfterThreshold: 2,
  incidents: [
    {
      id: 'i1',
      openedAt: iso(T0 + 2.5 * HOUR),
      resolvedAt: iso(T0 + 3 * HOUR),
    },
  ],
  queries: [],
  stale: false,
};

describe('BudgetChart', () => {
  it('draws the curve, a line where the budget is exhausted, a marker per deployment and incident, and their tooltips', async () => {
    await renderOnEntity(
      <BudgetChart
        data={budgetChartData(answer)!}
        window="4 h"
        deployments={3}
        burned={1}
        incidents={1}
      />,
      { api: {} },
    );
    const chart = screen.getByTestId('opsdeck-budget-chart');
    expect(chart.querySelector('.recharts-area-curve')).not.toBeNull();
    // −20 % at the end: the axis reaches −25 % in steps of 25 %, the 0 % line is labelled
    expect(chart).toHaveTextContent('exhausted');
    expect(chart).toHaveTextContent('-25 %0 %25 %50 %75 %100 %');
    // one dot, two triangles (failed, followed by a burn) with their dashed lines, one square
    const plot = chart.querySelector('svg.recharts-surface')!;
    expect(plot.querySelectorAll('.recharts-line-dots circle')).toHaveLength(1);
    expect(plot.querySelectorAll('.recharts-line-dots path')).toHaveLength(2);
    expect(plot.querySelectorAll('.recharts-line-dots rect')).toHaveLength(1);
    expect(
      plot.querySelectorAll('.recharts-reference-line line[stroke-dasharray]'),
    ).toHaveLength(2);
    expect(plot.querySelectorAll('.recharts-reference-area')).toHaveLength(1);

    // the pointer over a deployment: its tooltip (the plot runs from x 48 to 784 over 4 h)
    fireEvent.mouseMove(chart.querySelector('.recharts-wrapper')!, {
      clientX: 48 + (2.25 / 4) * 736,
      clientY: 100,
    });
    const tooltip = await screen.findByTestId('opsdeck-budget-tooltip');
    expect(
      within(tooltip).getByText('Deployment Deploy #2'),
    ).toBeInTheDocument();
    expect(tooltip).toHaveTextContent(
      'The hour after: 9× the sustainable rate',
    );
  });
});

describe('BudgetTooltip', () => {
  it("names a deployment's title, commit, status and what the hour after burned", async () => {
    const deployment = {
      ...answer.deployments[2],
      title: 'Deploy #3',
      sha: 'abcdef0123456789',
      burnAfter: 18.4,
    };
    await renderOnEntity(
      <BudgetTooltip
        active
        payload={[
          {
            payload: {
              t: Date.parse(deployment.at),
              flagged: 50,
              mark: { kind: 'deployment', deployment, flagged: true },
            },
          },
        ]}
      />,
      { api: {} },
    );
    expect(screen.getByTestId('opsdeck-budget-tooltip')).toHaveTextContent(
      `Deployment Deploy #3${formatInstant(
        deployment.at,
      )} · failed · commit abcdef0The hour after: 18× the sustainable rate`,
    );
  });

  it('names an incident and the budget left at a point', async () => {
    const incident = { ...answer.incidents[0], title: 'Checkout errors' };
    const { unmount } = await renderOnEntity(
      <BudgetTooltip
        active
        payload={[
          {
            payload: {
              t: Date.parse(incident.openedAt),
              incident: 40,
              mark: { kind: 'incident', incident },
            },
          },
        ]}
      />,
      { api: {} },
    );
    expect(screen.getByTestId('opsdeck-budget-tooltip')).toHaveTextContent(
      `Incident Checkout errorsopened ${formatInstant(
        incident.openedAt,
      )}resolved ${formatInstant(incident.resolvedAt!)}`,
    );
    unmount();
    await renderOnEntity(
      <BudgetTooltip
        active
        payload={[{ payload: { t: T0, remaining: -12.5 } }]}
      />,
      { api: {} },
    );
    expect(screen.getByTestId('opsdeck-budget-tooltip')).toHaveTextContent(
      '-12.5 % of the budget left',
    );
  });
});
