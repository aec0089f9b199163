import { ScopeSloAnswer } from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderOnEntity } from '../../__testUtils__/fixtures';
import { BudgetStatesCard } from './BudgetStates';

const scope: ScopeSloAnswer = {
  items: [
    {
      entityRef: 'component:default/web-storefront',
      title: 'Web storefront',
      state: 'burning',
      worst: {
        slo: 'Storefront availability',
        objective: 'Availability',
        remaining: 0.41,
        status: 'page',
      },
    },
    {
      entityRef: 'component:default/search',
      state: 'exhausted',
      worst: {
        slo: 'Search latency',
        objective: 'p95 under 300 ms',
        remaining: -0.125,
        status: 'page',
      },
    },
    {
      entityRef: 'component:default/payment-gateway',
      state: 'healthy',
      worst: {
        slo: 'Payments availability',
        objective: 'Availability',
        remaining: 0.6,
        status: 'ok',
      },
    },
    {
      entityRef: 'component:default/checkout-api',
      title: 'Checkout API',
      state: 'healthy',
      worst: {
        slo: 'Checkout availability',
        objective: 'Availability',
        remaining: 0.83,
        status: 'ok',
      },
    },
    {
      entityRef: 'component:default/fraud-detector',
      state: 'no-data',
      worst: {
        slo: 'Fraud availability',
        objective: 'Availability',
        remaining: null,
        status: 'no-data',
      },
    },
    { entityRef: 'component:default/ledger-worker', state: 'no-slo' },
    { entityRef: 'component:default/audit-log', state: 'no-slo' },
  ],
  counts: { exhausted: 1, burning: 1, healthy: 2, 'no-data': 1, 'no-slo': 2 },
  stale: false,
};

const section = (name: RegExp) => screen.getByRole('region', { name });
const names = (region: HTMLElement) =>
  within(region)
    .queryAllByRole('link')
    .map(l => l.textContent);

describe('BudgetStatesCard', () => {
  it('groups services by budget state, alphabetically within each, with the worst objective', async () => {
    await renderOnEntity(<BudgetStatesCard loading={false} value={scope} />, {
      api: {},
    });
    expect(screen.getByText('Error budgets')).toBeInTheDocument();
    expect(
      screen.getAllByRole('region').map(r => r.getAttribute('aria-label')),
    ).toEqual([
      'Exhausted: 1',
      'Burning: 1',
      'Healthy: 2',
      'No data: 1',
      'No SLO: 2',
    ]);
    const exhausted = section(/^Exhausted/);
    expect(names(exhausted)).toEqual(['search']);
    expect(exhausted).toHaveTextContent(
      'search' + 'p95 under 300 ms (Search latency): -12.5 % left',
    );
    expect(
      within(exhausted).getByRole('link', { name: 'search' }),
    ).toHaveAttribute('href', '/catalog/default/component/search');
    expect(section(/^Burning/)).toHaveTextContent(
      'Availability (Storefront availability): 41.0 % left · burning fast',
    );
    // by name, not by budget left
    const healthy = section(/^Healthy/);
    expect(names(healthy)).toEqual(['Checkout API', 'payment-gateway']);
    expect(healthy).toHaveTextContent(
      'Availability (Checkout availability): 83.0 % left',
    );
    // no data, no SLO: names only
    const noData = section(/^No data/);
    expect(noData).toHaveTextContent(
      'Has SLOs, but no data to compute them from.',
    );
    expect(names(noData)).toEqual(['fraud-detector']);
    expect(noData).not.toHaveTextContent('Fraud availability');
    expect(names(section(/^No SLO/))).toEqual(['audit-log', 'ledger-worker']);
    expect(
      screen.getByRole('link', { name: 'What the states mean' }),
    ).toHaveAttribute('href', '/opsdeck/glossary#budget-states');
    expect(
      screen.queryByTestId('opsdeck-budget-stale'),
    ).not.toBeInTheDocument();
  });

  it('names the first dozen services without an SLO and the rest on demand, and says when stale', async () => {
    const many: ScopeSloAnswer = {
      items: Array.from({ length: 15 }, (_, i) => ({
        entityRef: `component:default/svc-${String(i).padStart(2, '0')}`,
        state: 'no-slo' as const,
      })),
      counts: {
        exhausted: 0,
        burning: 0,
        healthy: 0,
        'no-data': 0,
        'no-slo': 15,
      },
      stale: true,
    };
    await renderOnEntity(<BudgetStatesCard loading={false} value={many} />, {
      api: {},
    });
    const noSlo = section(/^No SLO/);
    expect(names(noSlo)).toHaveLength(12);
    expect(section(/^Exhausted/)).toHaveTextContent('none');
    fireEvent.click(within(noSlo).getByRole('button', { name: 'Show all 15' }));
    expect(names(noSlo)).toHaveLength(15);
    expect(screen.getByTestId('opsdeck-budget-stale')).toHaveTextContent(
      'The SLI provider did not answer; these are its last known numbers.',
    );
  });

  it('says when the scope has no services, and shows a failed request', async () => {
    const { unmount } = await renderOnEntity(
      <BudgetStatesCard
        loading={false}
        value={{
          items: [],
          counts: {
            exhausted: 0,
            burning: 0,
            healthy: 0,
            'no-data': 0,
            'no-slo': 0,
          },
          stale: false,
        }}
      />,
      { api: {} },
    );
    expect(screen.getByTestId('opsdeck-budget-states-empty')).toHaveTextContent(
      'No services in this scope yet.',
    );
    unmount();
    await renderOnEntity(
      <BudgetStatesCard loading={false} error={new Error('no budgets')} />,
      { api: {} },
    );
    expect(screen.getByText('Error: no budgets')).toBeInTheDocument();
  });
});
