import {
  computeEntityCoverage,
  doraHeadlines,
  summarizeScopeCoverage,
} from '@opsdeck/backstage-plugin-common';
import { Entity } from '@backstage/catalog-model';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  doraAnswer,
  history,
  renderOnEntity,
} from '../../__testUtils__/fixtures';
import { OpsDeckOrgPage } from './OpsDeckOrgPage';

// The page renders a chart and a table: on a cold transform cache a test takes over jest's 5 s.
jest.setTimeout(30_000);

const notHere = async (): Promise<never> => {
  throw new Error('not in this test');
};

describe('OpsDeckOrgPage', () => {
  it('shows the org rollup, the spread of tiers across services and the coverage gaps', async () => {
    const fast = doraAnswer(history({ days: 180, perWeek: 14 }));
    const slow = doraAnswer(history({ days: 180, perWeek: 1, failEvery: 2 }));
    const none = doraAnswer({ deployments: [], incidents: [] });
    const services = [fast, fast, slow, none].map((a, i) => ({
      entityRef: `component:default/s${i}`,
      coverage: 50,
      missing: [],
      dora: doraHeadlines(a.current),
    }));
    const coverage = summarizeScopeCoverage({ type: 'org' }, [
      computeEntityCoverage('component:default/full', {
        kind: 'Component',
        metadata: {
          annotations: {
            'github.com/project-slug': 'a/b',
            'pagerduty.com/service-id': 'P',
            'grafana/overview-dashboard': 'https://g',
            'backstage.io/techdocs-ref': 'dir:.',
            'backstage.io/kubernetes-id': 'x',
          },
        },
        spec: { owner: 'x' },
      }),
      computeEntityCoverage('component:default/bare', {
        kind: 'Component',
        metadata: { title: 'Bare service' },
        spec: { owner: 'x' },
      }),
    ]);
    await renderOnEntity(<OpsDeckOrgPage />, {
      api: {
        getOrgDora: async () => ({
          ...fast,
          scope: { type: 'org' as const, services: 4 },
        }),
        getOrgServices: async () => ({
          scope: { type: 'org' as const },
          window: fast.current.window,
          benchmark: 'dora-2023',
          services,
        }),
        getOrgCoverage: async () => coverage,
      },
    });
    expect(await screen.findByTestId('opsdeck-dora-mttr')).toBeInTheDocument();
    const deploys = await screen.findByTestId('opsdeck-tier-row-Deploys');
    // two elite, one high (1 a week), one without data
    expect(
      within(deploys)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['2', '1', '0', '0', '1']);
    const failRate = screen.getByTestId('opsdeck-tier-row-Fail rate');
    expect(
      within(failRate)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['2', '0', '0', '1', '1']);
    expect(screen.getByTestId('opsdeck-scope-coverage')).toHaveTextContent(
      `${coverage.percent}%`,
    );
    // the matrix: one row per service, ✓ / ✗ per integration
    const matrix = screen.getByTestId('opsdeck-coverage-matrix');
    expect(matrix).toHaveTextContent(
      'Integrations by service (2 services, 1 with gaps)',
    );
    expect(
      within(matrix).getByRole('link', { name: 'Bare service' }),
    ).toHaveAttribute('href', '/catalog/default/component/bare');
    expect(within(matrix).getByRole('link', { name: 'full' })).toBeVisible();
    // an admin finds the administration page from here
    expect(
      await screen.findByRole('link', { name: 'Administration' }),
    ).toHaveAttribute('href', '/opsdeck/admin');
  });

  it('shows services × integrations, sortable by service, owner and coverage, filtered by team, with each fix said once', async () => {
    const service = (
      name: string,
      annotations: Record<string, string>,
      title?: string,
    ) =>
      computeEntityCoverage(`component:default/${name}`, {
        kind: 'Component',
        metadata: { annotations, ...(title ? { title } : {}) },
        spec: { owner: 'x' },
      });
    const coverage = summarizeScopeCoverage({ type: 'org' }, [
      service('checkout', {
        'github.com/project-slug': 'acme/checkout',
        'pagerduty.com/service-id': 'P1',
        'grafana/overview-dashboard': 'https://g',
        'backstage.io/techdocs-ref': 'dir:.',
        'backstage.io/kubernetes-id': 'checkout',
      }),
      service(
        'storefront',
        { 'github.com/project-slug': 'acme/web' },
        'Web storefront',
      ),
      service('returns', {}, 'Returns portal'),
    ]);
    const none = doraHeadlines(
      doraAnswer({ deployments: [], incidents: [] }).current,
    );
    const owners: Record<string, string> = {
      checkout: 'group:default/payments',
      storefront: 'group:default/storefront',
      returns: 'group:default/logistics',
    };
    const group = (name: string, title: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default', title },
      spec: { type: 'team', children: [] },
    });
    await renderOnEntity(<OpsDeckOrgPage />, {
      api: {
        getOrgDora: async () => ({
          ...doraAnswer({ deployments: [], incidents: [] }),
          scope: { type: 'org' as const, services: 3 },
        }),
        getOrgServices: async () => ({
          scope: { type: 'org' as const },
          window: { from: 0, to: 1, days: 90 },
          benchmark: 'dora-2023',
          services: Object.entries(owners).map(([name, owner]) => ({
            entityRef: `component:default/${name}`,
            owner,
            coverage: 0,
            missing: [],
            dora: none,
          })),
        }),
        getOrgCoverage: async () => coverage,
      },
      catalog: [
        group('payments', 'Payments'),
        group('storefront', 'Storefront'),
        group('logistics', 'Logistics'),
      ],
    });
    const matrix = await screen.findByTestId('opsdeck-coverage-matrix');
    expect(matrix).toHaveTextContent(
      'Integrations by service (3 services, 2 with gaps)',
    );
    const rowOf = (name: string) =>
      within(matrix).getByRole('link', { name }).closest('tr')!;
    const cells = (name: string) =>
      within(rowOf(name))
        .getAllByTestId(/^opsdeck-matrix-/)
        .map(c => c.textContent)
        .join('');
    // owner, then on-call, deployments, incidents, CI, observability, docs, Kubernetes
    expect(cells('checkout')).toBe('✓✓✓✓✓✓✓✓');
    expect(cells('Returns portal')).toBe('✓✗✗✗✗✗✗✗');
    expect(cells('Web storefront')).toBe('✓✗✓✗✓✗✗✗');
    // owners by name, linked
    expect(
      await within(rowOf('Returns portal')).findByRole('link', {
        name: 'Logistics',
      }),
    ).toHaveAttribute('href', '/catalog/default/group/logistics');
    // the fix on hover, and in words for a screen reader
    const oncall = within(rowOf('Returns portal')).getByTestId(
      'opsdeck-matrix-oncall',
    );
    expect(oncall).toHaveAccessibleName(
      'On-call missing — connect an on-call schedule (PagerDuty, Opsgenie or a catalog rotation) to the service, its system or its team, so someone is paged.',
    );
    fireEvent.mouseOver(oncall);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'On-call missing — connect an on-call schedule',
    );

    const order = () =>
      within(matrix)
        .getAllByRole('row')
        .slice(1)
        .map(r => within(r).getAllByRole('link')[0].textContent);
    // least covered first, as the answer gives them
    expect(order()).toEqual(['Returns portal', 'Web storefront', 'checkout']);
    fireEvent.click(within(matrix).getByRole('button', { name: 'Service' }));
    expect(order()).toEqual(['checkout', 'Returns portal', 'Web storefront']);
    fireEvent.click(within(matrix).getByRole('button', { name: 'Team' }));
    await waitFor(() =>
      expect(order()).toEqual(['Returns portal', 'checkout', 'Web storefront']),
    );
    fireEvent.click(within(matrix).getByRole('button', { name: 'Coverage' }));
    expect(order()).toEqual(['Returns portal', 'Web storefront', 'checkout']);

    // one team's services
    fireEvent.mouseDown(
      within(matrix).getByRole('button', { name: /All teams/ }),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'Storefront' }));
    await waitFor(() => expect(order()).toEqual(['Web storefront']));
    expect(matrix).toHaveTextContent(
      'Integrations by service (1 service, 1 with gaps)',
    );

    // each missing integration explained once; the annotations for admins
    const fixes = screen.getByTestId('opsdeck-integration-fixes');
    expect(fixes).toHaveTextContent(
      'On-call — missing on 2 services: connect an on-call schedule',
    );
    expect(fixes).toHaveTextContent(
      'Kubernetes — missing on 2 services: link the Kubernetes workloads that run it.',
    );
    expect(fixes).not.toHaveTextContent('Owner —');
    const admin = within(fixes).getByTestId('opsdeck-integration-fixes-admin');
    fireEvent.click(within(admin).getByText('For admins'));
    expect(admin).toHaveTextContent('pagerduty.com/service-id');
  });

  it("groups the organisation's services by error budget state, not by rank", async () => {
    const getOrgSlo = jest.fn(async () => ({
      items: [
        {
          entityRef: 'component:default/web-storefront',
          title: 'Web storefront',
          state: 'burning' as const,
          worst: {
            slo: 'Storefront availability',
            objective: 'Availability',
            remaining: 0.41,
            status: 'page' as const,
          },
        },
        {
          entityRef: 'component:default/returns',
          title: 'Returns portal',
          state: 'no-slo' as const,
        },
      ],
      counts: {
        exhausted: 0,
        burning: 1,
        healthy: 0,
        'no-data': 0,
        'no-slo': 1,
      },
      stale: true,
    }));
    await renderOnEntity(<OpsDeckOrgPage />, {
      api: {
        getOrgSlo,
        getOrgDora: notHere,
        getOrgServices: notHere,
        getOrgCoverage: notHere,
      },
    });
    const card = await screen.findByTestId('opsdeck-budget-states');
    expect(
      within(card)
        .getAllByRole('region')
        .map(r => r.getAttribute('aria-label')),
    ).toEqual([
      'Exhausted: 0',
      'Burning: 1',
      'Healthy: 0',
      'No data: 0',
      'No SLO: 1',
    ]);
    const burning = within(card).getByRole('region', { name: /^Burning/ });
    expect(
      within(burning).getByRole('link', { name: 'Web storefront' }),
    ).toHaveAttribute('href', '/catalog/default/component/web-storefront');
    expect(burning).toHaveTextContent(
      'Availability (Storefront availability): 41.0 % left · burning fast',
    );
    expect(screen.getByTestId('opsdeck-budget-stale')).toBeInTheDocument();
    expect(getOrgSlo).toHaveBeenCalledTimes(1);
  });
});
