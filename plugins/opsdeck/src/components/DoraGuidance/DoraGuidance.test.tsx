import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import {
  checkout,
  doraAnswer,
  history,
  renderOnEntity,
} from '../../__testUtils__/fixtures';
import { DoraGuidance } from './DoraGuidance';

// one deployment a month, every other one failed: low frequency and a low change fail rate
const weak = doraAnswer(history({ days: 200, perWeek: 0.25, failEvery: 2 }));

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

const budgetLink = (metric: string) =>
  within(screen.getByTestId(`opsdeck-guidance-${metric}`)).queryByRole('link', {
    name: 'the error budget chart',
  });

describe('DoraGuidance', () => {
  it("links the change fail rate's advice to the service's error budget in the Delivery tab", async () => {
    await renderOnEntity(
      <DoraGuidance current={weak.current} previous={weak.previous} />,
      { api: {}, entity: withSlo },
    );
    const failRate = screen.getByTestId('opsdeck-guidance-changeFailRate');
    expect(
      within(failRate).getByTestId('opsdeck-guidance-budget'),
    ).toHaveTextContent(
      'Which deployments burned the error budget: see the error budget chart.',
    );
    expect(budgetLink('changeFailRate')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/delivery#opsdeck-error-budget',
    );
    // not for how often it deploys
    expect(budgetLink('deploymentFrequency')).not.toBeInTheDocument();
  });

  it('links to the chart on the same page when given, and not at all without an SLO', async () => {
    const { unmount } = await renderOnEntity(
      <DoraGuidance
        current={weak.current}
        previous={weak.previous}
        budgetHref="?window=30#opsdeck-error-budget"
      />,
      { api: {}, entity: withSlo },
    );
    expect(budgetLink('changeFailRate')?.getAttribute('href')).toMatch(
      /\?window=30#opsdeck-error-budget$/,
    );
    unmount();
    await renderOnEntity(
      <DoraGuidance current={weak.current} previous={weak.previous} />,
      { api: {} },
    );
    expect(
      screen.getByTestId('opsdeck-guidance-changeFailRate'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('opsdeck-guidance-budget'),
    ).not.toBeInTheDocument();
  });
});
