/* eslint-disable no-script-url -- javascript: URLs are fed on purpose: they must never become links */
import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EntitySloAnswer,
  SloHistoryAnswer,
  SloObjectiveAnswer,
} from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  checkout,
  doraAnswer,
  renderOnEntity,
} from '../../__testUtils__/fixtures';
import { formatInstant } from '../shared/format';
import { EntityOpsDeckDeliveryContent } from './EntityOpsDeckDeliveryContent';
import { ErrorBudgetCard } from './ErrorBudgetCard';
import { repositoryOf } from './sourceLinks';
import { useDeliveryParams } from './useDeliveryParams';

// The card renders a chart: on a cold transform cache a test takes over jest's 5 s.
jest.setTimeout(30_000);

const DAY = 86_400_000;
const AT = Date.UTC(2026, 0, 28, 12);

const withSlo: Entity = {
  ...checkout,
  metadata: {
    ...checkout.metadata,
    annotations: {
      ...checkout.metadata.annotations,
      'opsdeck.io/openslo': 'slo.yaml',
    },
  },
};

const objective = (
  displayName: string,
  target: number,
): SloObjectiveAnswer => ({
  displayName,
  target,
  sli: 0.9995,
  window: { good: 9995, total: 10000, queries: [] },
  budget: null,
  remainingMs: null,
  burnRates: [],
  status: 'ok',
  timeToExhaustionMs: null,
});

const slos: EntitySloAnswer = {
  entityRef: 'component:default/checkout',
  annotation: 'slo.yaml',
  slos: [
    {
      name: 'checkout-availability',
      displayName: 'Checkout availability',
      window: '28d',
      windowMs: 28 * DAY,
      file: 'slo.yaml',
      provider: { type: 'prometheus' },
      objectives: [objective('Availability', 0.999)],
    },
    {
      name: 'checkout-latency',
      window: '28d',
      windowMs: 28 * DAY,
      file: 'slo.yaml',
      provider: { type: 'prometheus' },
      objectives: [
        objective('p95 under 300 ms', 0.99),
        objective('p99 under 1 s', 0.9995),
      ],
    },
  ],
  problems: [],
  evaluatedAt: new Date(AT).toISOString(),
  asOf: new Date(AT).toISOString(),
  stale: false,
};

const iso = (t: number) => new Date(t).toISOString();

function historyAnswer(
  extra: Partial<SloHistoryAnswer> = {},
): SloHistoryAnswer {
  const from = AT - 28 * DAY;
  return {
    entityRef: 'component:default/checkout',
    slo: 'checkout-availability',
    objective: 'Availability',
    target: 0.999,
    window: '28d',
    evaluatedAt: iso(AT),
    points: Array.from({ length: 29 }, (_, i) => ({
      at: iso(from + i * DAY),
      remaining: 1 - (0.38 * i) / 28,
    })),
    deployments: [
      {
        id: 'run-1',
        at: iso(AT - 20 * DAY),
        status: 'success',
        environment: 'production',
        title: 'Deploy #1',
        url: 'https://ci.acme.test/runs/1',
        burnAfter: 0.2,
        budgetSpentAfter: 0.0001,
      },
      {
        id: 'run-2',
        at: iso(AT - 10 * DAY),
        status: 'failure',
        environment: 'production',
        title: 'Deploy #2',
        url: 'javascript:alert(1)',
        sha: 'abcdef0123456789',
        burnAfter: 18.4,
        budgetSpentAfter: 0.042,
      },
      {
        id: 'run-3',
        at: iso(AT - 2 * DAY),
        status: 'success',
        environment: 'production',
        title: 'Deploy #3',
        url: 'https://ci.acme.test/runs/3',
        burnAfter: 2.5,
        budgetSpentAfter: 0.006,
      },
    ],
    burnedAfter: ['run-2', 'run-3'],
    burnAfterThreshold: 2,
    incidents: [
      {
        id: 'PX1',
        openedAt: iso(AT - 10 * DAY + 600_000),
        resolvedAt: iso(AT - 10 * DAY + 3_600_000),
        title: 'Checkout errors',
      },
    ],
    queries: ['sum(increase(http_requests_total{code=~"5.."}[1h]))'],
    stale: false,
    ...extra,
  };
}

/** The card as the Delivery tab mounts it, with its choice kept in the URL. */
function Card() {
  const { entity } = useEntity();
  const { budget, setBudget } = useDeliveryParams();
  return (
    <ErrorBudgetCard
      entity={entity}
      repo={repositoryOf(entity)}
      choice={budget}
      onChoose={setBudget}
    />
  );
}

describe('ErrorBudgetCard', () => {
  it('charts the chosen objective with its deployments, and lists those followed by a burn', async () => {
    const getEntitySlo = jest.fn(async () => slos);
    const getEntitySloHistory = jest.fn(async () => historyAnswer());
    await renderOnEntity(<Card />, {
      entity: withSlo,
      api: { getEntitySlo, getEntitySloHistory },
    });

    const chart = await screen.findByTestId('opsdeck-budget-chart');
    expect(chart).toHaveAttribute(
      'aria-label',
      'Budget left over the last 28 days: 62.0 % now. Production deployments: 3, 2 of them followed by a burn. Incidents: 1.',
    );
    expect(screen.getByText('Error budget')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Budget left over the SLO’s own window, the last 28 days, with this service’s production deployments and incidents',
      ),
    ).toBeInTheDocument();
    expect(chart).toHaveTextContent(
      'Days on the axis are UTC days; times in the tooltips are yours.',
    );
    const legend = within(chart).getByRole('list', { name: 'Legend' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      'Budget left',
      'Deployment',
      'Failed, or followed by a burn',
      'Incident',
    ]);
    expect(getEntitySloHistory).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { slo: 'checkout-availability' },
    );

    const list = screen.getByRole('region', {
      name: 'Deployments followed by a budget burn',
    });
    expect(list).toHaveTextContent(
      'The hour after each of these burned the budget at least 2× as fast as the rate that would spend it exactly over the window.',
    );
    const items = within(list).getAllByTestId('opsdeck-budget-burned-item');
    // newest first
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(
      `Deploy #3, Opens in a new window · successful${formatInstant(
        AT - 2 * DAY,
      )} · 2.5× the sustainable rate · 0.6 % of the window’s budget spent that hour`,
    );
    expect(
      within(items[0]).getByRole('link', { name: /^Deploy #3/ }),
    ).toHaveAttribute('href', 'https://ci.acme.test/runs/3');
    expect(items[1]).toHaveTextContent(
      'Deploy #2 · abcdef0, Opens in a new window · failed' +
        `${formatInstant(
          AT - 10 * DAY,
        )} · 18× the sustainable rate · 4.2 % of the window’s budget spent that hour`,
    );
    // its javascript: URL is no link; its commit in the service's repository is
    expect(
      within(items[1]).queryByRole('link', { name: /^Deploy #2/ }),
    ).not.toBeInTheDocument();
    expect(
      within(items[1]).getByRole('link', { name: /^abcdef0/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout/commit/abcdef0123456789',
    );

    // three objectives to choose from; choosing one asks for its history
    const selector = screen.getByLabelText('SLO and objective');
    expect(
      within(selector)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'Checkout availability · Availability (99.9 %)',
      'checkout-latency · p95 under 300 ms (99 %)',
      'checkout-latency · p99 under 1 s (99.95 %)',
    ]);
    fireEvent.change(selector, {
      target: { value: 'checkout-latency#1' },
    });
    await waitFor(() =>
      expect(getEntitySloHistory).toHaveBeenLastCalledWith(expect.anything(), {
        slo: 'checkout-latency',
        objective: 1,
      }),
    );
    expect(screen.getByLabelText('SLO and objective')).toHaveValue(
      'checkout-latency#1',
    );
  });

  it('says when no deployment was followed by a burn, and when the numbers are stale', async () => {
    const one = { ...slos, slos: [slos.slos[0]], stale: true };
    await renderOnEntity(<Card />, {
      entity: withSlo,
      api: {
        getEntitySlo: async () => one,
        getEntitySloHistory: async () =>
          historyAnswer({ burnedAfter: [], stale: true }),
      },
    });
    expect(
      await screen.findByTestId('opsdeck-budget-burned-empty'),
    ).toHaveTextContent(
      'No deployment in the last 28 days was followed by a burn ≥ 2×.',
    );
    expect(screen.getByTestId('opsdeck-budget-stale')).toHaveTextContent(
      'The SLI provider did not answer; these are its last known numbers.',
    );
    // one objective: nothing to choose
    expect(
      screen.queryByLabelText('SLO and objective'),
    ).not.toBeInTheDocument();
  });

  it("says in words why there is nothing to draw, the provider's own words for admins", async () => {
    await renderOnEntity(<Card />, {
      entity: withSlo,
      api: {
        getEntitySlo: async () => ({ ...slos, slos: [slos.slos[0]] }),
        getEntitySloHistory: async () =>
          historyAnswer({
            points: [],
            queries: [],
            burnedAfter: [],
            deployments: historyAnswer().deployments.map(d => ({
              ...d,
              burnAfter: null,
              budgetSpentAfter: null,
            })),
            error: {
              reason: 'provider-error',
              message: 'Prometheus main answered 503',
            },
          }),
      },
    });
    const error = await screen.findByTestId('opsdeck-budget-error');
    expect(error).toHaveTextContent(
      'The SLI provider did not answer, so the budget cannot be drawn now.',
    );
    fireEvent.click(within(error).getByText('For admins'));
    expect(error).toHaveTextContent(
      'The provider said: Prometheus main answered 503',
    );
    expect(
      screen.queryByTestId('opsdeck-budget-chart'),
    ).not.toBeInTheDocument();
    // nothing was measured: no list claiming that nothing burned
    expect(
      screen.queryByText('Deployments followed by a budget burn'),
    ).not.toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    await renderOnEntity(<Card />, {
      entity: withSlo,
      api: {
        getEntitySlo: async () => slos,
        getEntitySloHistory: async () => {
          throw new Error('history unavailable');
        },
      },
    });
    expect(
      await screen.findByText('Error: history unavailable'),
    ).toBeInTheDocument();
  });

  it('says when the annotation names no SLO that could be read', async () => {
    await renderOnEntity(<Card />, {
      entity: withSlo,
      api: {
        getEntitySlo: async () => ({
          ...slos,
          slos: [],
          problems: [{ file: 'slo.yaml', error: 'spec.objectives: required' }],
        }),
      },
    });
    const unreadable = await screen.findByTestId('opsdeck-budget-unreadable');
    expect(unreadable).toHaveTextContent(
      'The opsdeck.io/openslo annotation names no SLO that could be read.',
    );
    fireEvent.click(within(unreadable).getByText('For admins'));
    expect(unreadable).toHaveTextContent('slo.yaml: spec.objectives: required');
  });
});

describe('EntityOpsDeckDeliveryContent without an SLO', () => {
  it('keeps the error budget to one line, without asking for SLOs', async () => {
    const getEntitySlo = jest.fn();
    await renderOnEntity(<EntityOpsDeckDeliveryContent />, {
      api: {
        getEntityDora: async () =>
          doraAnswer({ deployments: [], incidents: [] }),
        getEntityEvents: async () => ({ items: [] }),
        getEntitySlo,
      },
    });
    const line = await screen.findByTestId('opsdeck-budget-no-slo');
    expect(line).toHaveTextContent(
      'No SLO for this service yet, so no error budget to follow: write an OpenSLO file and name it in the opsdeck.io/openslo annotation. What an error budget is',
    );
    expect(
      within(line).getByRole('link', { name: 'What an error budget is' }),
    ).toHaveAttribute('href', '/opsdeck/glossary#error-budget');
    expect(
      screen.queryByTestId('opsdeck-budget-chart'),
    ).not.toBeInTheDocument();
    expect(getEntitySlo).not.toHaveBeenCalled();
  });
});
