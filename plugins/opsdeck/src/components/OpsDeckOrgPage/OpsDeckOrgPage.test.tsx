import {
  computeEntityCoverage,
  doraHeadlines,
  summarizeScopeCoverage,
} from '@opsdeck/backstage-plugin-common';
import { screen, within } from '@testing-library/react';
import {
  doraAnswer,
  history,
  renderOnEntity,
} from '../../__testUtils__/fixtures';
import { OpsDeckOrgPage } from './OpsDeckOrgPage';

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
    const gaps = screen.getByTestId('opsdeck-coverage-gaps');
    expect(gaps).toHaveTextContent('Services with missing coverage (1)');
    expect(
      within(gaps).getByRole('link', { name: 'Bare service' }),
    ).toHaveAttribute('href', '/catalog/default/component/bare');
    expect(gaps).toHaveTextContent('pagerduty.com/service-id');
    expect(gaps).not.toHaveTextContent('component:default/full');
  });
});
