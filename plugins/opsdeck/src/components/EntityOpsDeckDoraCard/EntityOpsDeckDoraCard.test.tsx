import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import {
  doraAnswer,
  history,
  renderOnEntity,
} from '../../__testUtils__/fixtures';
import { EntityOpsDeckDoraCard } from './EntityOpsDeckDoraCard';

const template = (name: string, title: string, domain: string): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name,
    namespace: 'default',
    title,
    annotations: { 'opsdeck.io/platform-domain': domain },
  },
  spec: {},
});
const deliverySystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'delivery-platform',
    namespace: 'default',
    title: 'Delivery platform',
    annotations: { 'opsdeck.io/platform-domain': 'delivery' },
  },
  spec: { owner: 'platform' },
};

describe('EntityOpsDeckDoraCard', () => {
  it('shows each metric with its value, tier and change, and links to the Delivery tab', async () => {
    // 14 a week, every 10th failed: elite frequency and lead time, 10 % fail rate (high)
    const answer = doraAnswer(
      history({ days: 180, perWeek: 14, failEvery: 10 }),
    );
    const getEntityDora = jest.fn(async () => answer);
    await renderOnEntity(<EntityOpsDeckDoraCard />, { api: { getEntityDora } });

    const frequency = await screen.findByTestId(
      'opsdeck-dora-deploymentFrequency',
    );
    const perDay = answer.current.deploymentFrequency.value!;
    expect(
      within(frequency).getByTestId('opsdeck-dora-deploymentFrequency-value'),
    ).toHaveTextContent(`${perDay.toFixed(1)} / day`);
    expect(within(frequency).getByText('Elite')).toBeInTheDocument();
    const failRate = screen.getByTestId('opsdeck-dora-changeFailRate-value');
    expect(failRate).toHaveTextContent(
      `${(answer.current.changeFailRate.value! * 100).toFixed(1)} %`,
    );
    expect(
      screen.getByTestId('opsdeck-dora-changeLeadTime-value'),
    ).toHaveTextContent('3.0 h');
    expect(screen.getByTestId('opsdeck-dora-reworkRate')).toHaveTextContent(
      'not benchmarked',
    );
    expect(
      screen.getByTestId('opsdeck-dora-deploymentFrequency-change'),
    ).toHaveTextContent('±0 % vs previous window');
    expect(
      screen.getByRole('link', { name: /Delivery: trends/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout/delivery');
    expect(getEntityDora).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
  });

  it('says why a metric has no value and what to send where', async () => {
    const answer = doraAnswer({ deployments: [], incidents: [] });
    await renderOnEntity(<EntityOpsDeckDoraCard />, {
      api: { getEntityDora: async () => answer },
    });
    const reason = await screen.findByTestId(
      'opsdeck-dora-deploymentFrequency-reason',
    );
    expect(reason).toHaveTextContent('No deployments received yet.');
    const tile = screen.getByTestId('opsdeck-dora-deploymentFrequency');
    expect(
      within(tile).getByText(/POST \/api\/opsdeck\/events/),
    ).toBeInTheDocument();
    expect(
      within(tile).getByRole('link', { name: /How to send it/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/opsdeck/opsdeck/blob/main/README.md#sending-deployment-and-incident-events-post-apiopsdeckevents',
    );
    expect(screen.getByTestId('opsdeck-dora-mttr-reason')).toHaveTextContent(
      'No incidents in this window.',
    );
    // Nothing to explain without values.
    expect(screen.queryByTestId('opsdeck-guidance')).not.toBeInTheDocument();
  });

  it('explains a weak metric and links the platform domains and golden paths that help', async () => {
    // every second deployment fails: low change fail rate tier
    const answer = doraAnswer(history({ days: 180, perWeek: 3, failEvery: 2 }));
    await renderOnEntity(<EntityOpsDeckDoraCard />, {
      api: { getEntityDora: async () => answer },
      catalog: [
        deliverySystem,
        template('new-service', 'New service with CI', 'delivery'),
        template('kafka-topic', 'Kafka topic', 'data'),
      ],
      config: {
        opsdeck: {
          dora: {
            guidance: { changeFailRate: { helps: 'Write the tests first.' } },
          },
        },
      },
    });
    const guidance = await screen.findByTestId(
      'opsdeck-guidance-changeFailRate',
    );
    expect(guidance).toHaveTextContent('Change fail rate is low.');
    expect(guidance).toHaveTextContent('gaps in CI testing');
    expect(guidance).toHaveTextContent('Write the tests first.'); // configured text
    expect(
      await within(guidance).findByRole('link', {
        name: 'Development & delivery',
      }),
    ).toHaveAttribute('href', '/catalog/default/system/delivery-platform');
    expect(
      within(guidance).getByRole('link', { name: 'New service with CI' }),
    ).toHaveAttribute('href', '/create/templates/default/new-service');
    expect(within(guidance).queryByText('Kafka topic')).not.toBeInTheDocument();
    // an elite metric that did not get worse is not explained
    expect(
      screen.queryByTestId('opsdeck-guidance-changeLeadTime'),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's error in the card", async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'No entity component:default/checkout',
          },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'content-type': 'application/json' } },
      ),
    );
    await renderOnEntity(<EntityOpsDeckDoraCard />, {
      api: { getEntityDora: () => Promise.reject(error) },
    });
    expect(
      (await screen.findAllByText(/No entity component:default\/checkout/))[0],
    ).toBeInTheDocument();
  });
});
