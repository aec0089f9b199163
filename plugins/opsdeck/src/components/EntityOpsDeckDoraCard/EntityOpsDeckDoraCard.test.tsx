import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, within } from '@testing-library/react';
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
    // 14 a week since before the previous window, every 10th failed: elite frequency and lead
    // time, 10 % fail rate (high)
    const answer = doraAnswer(
      history({ days: 200, perWeek: 14, failEvery: 10 }),
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
    // whom to ask, in plain words, with a link to who runs the platform
    const tile = screen.getByTestId('opsdeck-dora-deploymentFrequency');
    expect(tile).toHaveTextContent(
      'They appear once your pipeline reports deployments to OpsDeck: ask the platform team to connect it.',
    );
    expect(
      within(tile).getByRole('link', { name: 'the platform team' }),
    ).toHaveAttribute('href', '/platform');
    expect(tile).not.toHaveTextContent('POST /api/opsdeck/events');
    // what to send where, once for the card, folded away for admins
    const fixes = screen.getByTestId('opsdeck-dora-fixes');
    fireEvent.click(within(fixes).getByText('For admins'));
    expect(fixes).toHaveAttribute('open');
    expect(fixes).toHaveTextContent(/POST \/api\/opsdeck\/events from CI/);
    expect(
      within(fixes).getAllByRole('link', { name: /How to send it/ })[0],
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
    const failRate = `${(answer.current.changeFailRate.value! * 100).toFixed(
      1,
    )} %`;
    // the tier named as a tier, the value in brackets — never "is low"
    expect(guidance).toHaveTextContent(
      `Change fail rate is in the Low tier (${failRate}).`,
    );
    expect(guidance).not.toHaveTextContent('is low');
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
    // elite and high metrics that did not get worse are not explained
    expect(screen.getByTestId('opsdeck-dora-changeLeadTime')).toHaveTextContent(
      'Elite',
    );
    expect(
      screen.queryByTestId('opsdeck-guidance-changeLeadTime'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByTestId('opsdeck-dora-deploymentFrequency'),
    ).toHaveTextContent('High');
    expect(
      screen.queryByTestId('opsdeck-guidance-deploymentFrequency'),
    ).not.toBeInTheDocument();
  });

  it('defines each metric, tier and the benchmark set on hover and links them to the glossary', async () => {
    const answer = doraAnswer(history({ days: 180, perWeek: 3, failEvery: 2 }));
    await renderOnEntity(<EntityOpsDeckDoraCard />, {
      api: { getEntityDora: async () => answer },
    });
    const title = await screen.findByRole('link', { name: 'MTTR' });
    expect(title).toHaveAttribute('href', '/opsdeck/glossary#mttr');
    fireEvent.mouseOver(title);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'MTTR, mean time to restore: how long incidents stay open',
    );
    fireEvent.mouseLeave(title);

    const tile = screen.getByTestId('opsdeck-dora-changeFailRate');
    const chip = within(tile).getByRole('link', { name: 'Low' });
    expect(chip).toHaveAttribute(
      'href',
      '/opsdeck/glossary?benchmark=dora-2023#tiers',
    );
    fireEvent.mouseOver(chip);
    const tooltip = await screen.findByRole('tooltip', {
      name: /weakest/,
    });
    expect(tooltip).toHaveTextContent(
      'Low: the weakest of four tiers, this metric needs attention.',
    );
    expect(tooltip).toHaveTextContent(
      'Change fail rate: above 15 % under dora-2023.',
    );
    fireEvent.mouseLeave(chip);

    const benchmark = screen.getByRole('link', {
      name: 'benchmark dora-2023',
    });
    fireEvent.focus(benchmark);
    fireEvent.mouseOver(benchmark);
    expect(
      await screen.findByRole('tooltip', {
        name: /Accelerate State of DevOps 2023/,
      }),
    ).toBeInTheDocument();
  });

  it('says on hover why two windows are not compared', async () => {
    // history only since 60 days ago: it starts inside the previous window
    const young = doraAnswer(history({ days: 60, perWeek: 14 }));
    const { unmount } = await renderOnEntity(<EntityOpsDeckDoraCard />, {
      api: { getEntityDora: async () => young },
    });
    const change = await screen.findByTestId(
      'opsdeck-dora-deploymentFrequency-change',
    );
    expect(change).toHaveTextContent('Not enough history to compare');
    fireEvent.mouseOver(
      within(change).getByText('Not enough history to compare'),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'history here starts inside the previous window or later',
    );
    unmount();

    // long history, but about three failed deployments a window: too few recoveries
    const sparse = doraAnswer(
      history({ days: 200, perWeek: 3, failEvery: 12 }),
    );
    await renderOnEntity(<EntityOpsDeckDoraCard />, {
      api: { getEntityDora: async () => sparse },
    });
    const recovery = await screen.findByTestId(
      'opsdeck-dora-recoveryTime-change',
    );
    fireEvent.mouseOver(
      within(recovery).getByText('Not enough history to compare'),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'fewer than 5 values of this metric',
    );
    // a rate's change is in points, explained on hover
    const failRate = screen.getByTestId('opsdeck-dora-changeFailRate-change');
    expect(failRate).toHaveTextContent(/points vs previous window/);
    expect(failRate).not.toHaveTextContent('pp');
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
