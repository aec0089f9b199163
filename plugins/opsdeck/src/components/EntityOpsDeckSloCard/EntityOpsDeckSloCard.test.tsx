import { ResponseError } from '@backstage/errors';
import { EntitySloAnswer } from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderOnEntity } from '../../__testUtils__/fixtures';
import { formatInstant } from '../shared/format';
import { EntityOpsDeckSloCard } from './EntityOpsDeckSloCard';
import { SloCardShell } from './SloCardShell';
import { answerOf, everyLookback, objectiveOf, sloOf } from './sloFixtures';

/** 99.95 % of 10 M requests good over 28 days; nothing failed in the last hour. */
const healthy = objectiveOf({
  window: { good: 9_995_000, total: 10_000_000 },
  lookbacks: {
    '5m': { good: 1000, total: 1000 },
    '30m': { good: 6000, total: 6000 },
    '1h': { good: 12_000, total: 12_000 },
    '6h': { good: 71_964, total: 72_000 },
    '1d': { good: 287_856, total: 288_000 },
    '3d': { good: 863_568, total: 864_000 },
  },
});

/** 40 % of the budget left, burning at 89.6× over the last hour and 5 minutes. */
const paging = objectiveOf({
  window: { good: 999_400, total: 1_000_000 },
  lookbacks: {
    '5m': { good: 9104, total: 10_000 },
    '30m': { good: 9500, total: 10_000 },
    '1h': { good: 9104, total: 10_000 },
    '6h': { good: 99_000, total: 100_000 },
    '1d': { good: 399_000, total: 400_000 },
    // no data over 3 days: the provider had no series that old
  },
});

/** 230 % of the budget spent, still burning. */
const exhausted = objectiveOf({
  displayName: '99.9 % of checkouts complete',
  window: { good: 997_700, total: 1_000_000 },
  lookbacks: everyLookback({ good: 980, total: 1000 }),
});

/** No events at all over the window. */
const silent = objectiveOf({
  window: { good: 0, total: 0 },
  lookbacks: {},
});

const render = (answer: EntitySloAnswer) =>
  renderOnEntity(<EntityOpsDeckSloCard />, {
    api: { getEntitySlo: async () => answer },
  });

describe('EntityOpsDeckSloCard', () => {
  it('shows a healthy SLO: its SLI, the budget left as a bar and as time, OK, and each burn rate', async () => {
    await render(answerOf([sloOf([healthy])]));
    const slo = await screen.findByTestId('opsdeck-slo-checkout-availability');
    expect(
      within(slo).getByRole('heading', { name: 'Checkout availability' }),
    ).toBeVisible();
    expect(slo).toHaveTextContent('Requests to the checkout API that succeed');
    expect(within(slo).getByTestId('opsdeck-slo-window')).toHaveTextContent(
      /^over 28 days$/,
    );
    expect(slo).toHaveTextContent('from ./slo/checkout.yaml');
    expect(
      within(slo).getByRole('link', { name: /^Graph in Prometheus/ }),
    ).toHaveAttribute(
      'href',
      'https://prometheus.acme.test/graph?g0.expr=http_requests_total&g0.range_input=672h',
    );

    const objective = within(slo).getByTestId('opsdeck-slo-objective');
    expect(
      within(objective).getByRole('heading', {
        name: '99.9 % of requests succeed',
      }),
    ).toBeVisible();
    // enough digits: 99.95 %, not 100 %
    expect(within(objective).getByTestId('opsdeck-slo-sli')).toHaveTextContent(
      /^SLI now 99\.95 %$/,
    );
    expect(
      within(objective).getByTestId('opsdeck-slo-target'),
    ).toHaveTextContent('target 99.9 %');
    expect(
      within(objective).getByTestId('opsdeck-slo-budget-text'),
    ).toHaveTextContent('50.0 % left');
    const bar = within(objective).getByRole('progressbar', {
      name: 'Error budget left',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(
      within(objective).getByTestId('opsdeck-slo-budget-time'),
    ).toHaveTextContent('≈ 14 days of budget left');
    expect(
      within(objective).getByTestId('opsdeck-slo-status'),
    ).toHaveTextContent(/^OK$/);
    expect(
      within(objective).getByTestId('opsdeck-slo-exhaustion'),
    ).toHaveTextContent('Not burning over the last hour');
    const rates = within(objective).getByTestId('opsdeck-slo-burn-rates');
    expect(
      within(rates)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual(['5 min', '30 min', '1 h', '6 h', '1 day', '3 days']);
    expect(
      within(rates)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['0.00×', '0.00×', '0.00×', '0.50×', '0.50×', '0.50×']);
    expect(screen.getByTestId('opsdeck-slo-state')).toHaveTextContent(
      'Within error budget',
    );
    expect(screen.getByTestId('opsdeck-slo-evaluated')).toHaveTextContent(
      `Evaluated at ${formatInstant('2026-11-26T10:32:00.000Z')}`,
    );
    expect(screen.queryByTestId('opsdeck-slo-stale')).not.toBeInTheDocument();
  });

  it('says when a paging budget runs out and what an exhausted one overspent', async () => {
    await render(answerOf([sloOf([paging, exhausted])]));
    const [burning, spent] = await screen.findAllByTestId(
      'opsdeck-slo-objective',
    );

    expect(within(burning).getByTestId('opsdeck-slo-status')).toHaveTextContent(
      /^Page$/,
    );
    expect(
      within(burning).getByTestId('opsdeck-slo-budget-text'),
    ).toHaveTextContent('40.0 % left');
    expect(
      within(burning).getByTestId('opsdeck-slo-budget-time'),
    ).toHaveTextContent('≈ 11 days of budget left');
    expect(
      within(burning).getByTestId('opsdeck-slo-exhaustion'),
    ).toHaveTextContent('Budget runs out in ≈ 3 hours at the current rate');
    expect(
      within(burning).getByTestId('opsdeck-slo-burn-1h'),
    ).toHaveTextContent(/^89\.6×$/);
    // no data over 3 days is no data, never 0
    expect(
      within(burning).getByTestId('opsdeck-slo-burn-3d'),
    ).toHaveTextContent(/^no data$/);

    expect(within(spent).getByTestId('opsdeck-slo-sli')).toHaveTextContent(
      'SLI now 99.77 %',
    );
    expect(
      within(spent).getByTestId('opsdeck-slo-budget-text'),
    ).toHaveTextContent('Exhausted: 230 % of the budget spent');
    expect(
      within(spent).getByRole('progressbar', { name: 'Error budget left' }),
    ).toHaveAttribute('aria-valuenow', '0');
    expect(
      within(spent).queryByTestId('opsdeck-slo-budget-time'),
    ).not.toBeInTheDocument();
    expect(
      within(spent).getByTestId('opsdeck-slo-exhaustion'),
    ).toHaveTextContent('Already exhausted');
    expect(screen.getByTestId('opsdeck-slo-state')).toHaveTextContent(
      'An error budget is exhausted',
    );
  });

  it('explains the burn-rate status on hover with the multi-window rules, and links it to the glossary', async () => {
    await render(answerOf([sloOf([paging])]));
    const chip = await screen.findByRole('link', { name: 'Page' });
    expect(chip).toHaveAttribute('href', '/opsdeck/glossary#burn-rate');
    fireEvent.mouseOver(chip);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'Page: the budget burns so fast that someone should look now.',
    );
    expect(tooltip).toHaveTextContent(
      'OpsDeck pages at 14.4× over both 1 h and 5 min or 6× over both 6 h and 30 min, and opens a ticket at 1× over both 3 days and 6 h.',
    );
    fireEvent.mouseLeave(chip);
    expect(screen.getByRole('link', { name: 'SLI now' })).toHaveAttribute(
      'href',
      '/opsdeck/glossary#sli',
    );
    expect(screen.getByRole('link', { name: 'Error budget' })).toHaveAttribute(
      'href',
      '/opsdeck/glossary#error-budget',
    );
  });

  it('shows the queries behind every number', async () => {
    await render(answerOf([sloOf([paging])]));
    const objective = await screen.findByTestId('opsdeck-slo-objective');
    // on hover: the counts behind the SLI and its queries, in monospace
    const sli = within(objective).getByText('99.94 %');
    fireEvent.mouseOver(sli);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      '999,400 of 1,000,000 counted over 28 days were good.',
    );
    const code = within(tooltip).getByText(
      'sum(increase(http_requests_total{service="checkout",code!~"5.."}[28d]))',
    );
    expect(code.tagName).toBe('CODE');
    fireEvent.mouseLeave(sli);

    // every number's queries, folded away
    const queries = within(objective).getByTestId('opsdeck-slo-queries');
    fireEvent.click(within(queries).getByText('Queries behind these numbers'));
    expect(queries).toHaveAttribute('open');
    expect(queries).toHaveTextContent('SLI and error budget over 28 days');
    expect(queries).toHaveTextContent('Burn rate over 5 min');
    expect(queries).toHaveTextContent(
      'sum(increase(http_requests_total{service="checkout"}[5m]))',
    );
    expect(queries).toHaveTextContent('Burn rate over 3 days');
  });

  it('says "no data" where the window had no events, never 0 %', async () => {
    await render(answerOf([sloOf([silent])]));
    const objective = await screen.findByTestId('opsdeck-slo-objective');
    expect(
      within(objective).getByTestId('opsdeck-slo-no-data'),
    ).toHaveTextContent(
      'No data: nothing was measured over 28 days, so there is no SLI and no error budget yet.',
    );
    expect(within(objective).getByTestId('opsdeck-slo-sli')).toHaveTextContent(
      'SLI now no data',
    );
    expect(
      within(objective).getByTestId('opsdeck-slo-status'),
    ).toHaveTextContent(/^No data$/);
    expect(
      within(objective)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(Array(6).fill('no data'));
    expect(objective).not.toHaveTextContent(/\b0(\.0+)? ?%/);
    expect(objective).not.toHaveTextContent('0.00×');
    expect(
      within(objective).queryByRole('progressbar'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('opsdeck-slo-state')).toHaveTextContent(
      'Not every objective has numbers',
    );
  });

  it('without the annotation, says what to add with an example file and where SLOs are explained', async () => {
    await render(answerOf([], { annotation: undefined }));
    const none = await screen.findByTestId('opsdeck-slo-none');
    expect(none).toHaveTextContent('This service has no SLOs yet.');
    expect(none).toHaveTextContent(
      'To add one, write an OpenSLO v1 file next to its catalog-info.yaml and name it in the opsdeck.io/openslo annotation — a path relative to catalog-info.yaml or a URL',
    );
    expect(
      within(none).getByTestId('opsdeck-slo-annotation'),
    ).toHaveTextContent('opsdeck.io/openslo: ./slo/availability.yaml');
    fireEvent.click(
      within(none).getByText(
        'An example OpenSLO file (./slo/availability.yaml)',
      ),
    );
    const example = within(none).getByTestId('opsdeck-slo-example');
    expect(example).toBeVisible();
    expect(example).toHaveTextContent('apiVersion: openslo/v1');
    expect(example).toHaveTextContent('name: checkout-availability');
    expect(example).toHaveTextContent('target: 0.999');
    expect(
      within(none).getByRole('link', {
        name: 'What SLOs and error budgets are',
      }),
    ).toHaveAttribute('href', '/opsdeck/glossary#slo');
    expect(
      within(none).getByRole('link', { name: /^How OpsDeck reads SLOs/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/opsdeck/opsdeck/blob/main/README.md#slos-and-error-budgets-opsdeckioopenslo',
    );
    expect(screen.getByTestId('opsdeck-slo-state')).toHaveTextContent(
      'No SLOs yet',
    );
    expect(
      screen.queryByTestId('opsdeck-slo-evaluated'),
    ).not.toBeInTheDocument();
  });

  it('lists SLO files that could not be read with the field at fault, beside the SLOs that could', async () => {
    await render(
      answerOf([sloOf([healthy])], {
        annotation: './slo/checkout.yaml, ./slo/x.yaml',
        problems: [
          {
            file: './slo/x.yaml',
            error:
              'spec.objectives[0].target: a number between 0 and 1 (exclusive), e.g. 0.999',
          },
        ],
      }),
    );
    const problems = await screen.findByTestId('opsdeck-slo-problems');
    expect(problems).toHaveTextContent(
      'This SLO file could not be read; fix it in the service’s repository:',
    );
    expect(within(problems).getByRole('listitem')).toHaveTextContent(
      './slo/x.yaml: spec.objectives[0].target: a number between 0 and 1 (exclusive), e.g. 0.999',
    );
    expect(
      screen.getByTestId('opsdeck-slo-checkout-availability'),
    ).toHaveTextContent('99.95 %');
    expect(screen.queryByTestId('opsdeck-slo-none')).not.toBeInTheDocument();
  });

  it('marks a stale answer with the time of the last known numbers', async () => {
    await render(
      answerOf([sloOf([healthy])], {
        stale: true,
        asOf: '2026-11-26T10:00:00.000Z',
      }),
    );
    expect(await screen.findByTestId('opsdeck-slo-stale')).toHaveTextContent(
      `As of ${formatInstant(
        '2026-11-26T10:00:00.000Z',
      )} — Prometheus did not answer; showing the last known numbers.`,
    );
    // the numbers stay
    expect(screen.getByTestId('opsdeck-slo-sli')).toHaveTextContent('99.95 %');
  });

  it('shows why an SLO has no numbers in its place: whom to ask, and the config key for admins', async () => {
    const answer = answerOf([
      sloOf([], {
        name: 'checkout-latency',
        displayName: 'Checkout latency',
        // eslint-disable-next-line no-script-url -- a URL the card must not link
        graphUrl: 'javascript:alert(1)',
        error: {
          reason: 'no-provider',
          message:
            'Prometheus is not configured: add opsdeck.slo.providers.prometheus',
        },
      }),
      sloOf([], {
        error: {
          reason: 'provider-error',
          message: 'Prometheus answered 503 Service Unavailable',
        },
      }),
    ]);
    await render(answer);
    const latency = await screen.findByTestId('opsdeck-slo-checkout-latency');
    const noProvider = within(latency).getByTestId('opsdeck-slo-error');
    expect(noProvider).toHaveTextContent(
      'No metrics system is connected to read this SLO (Prometheus), so it has no numbers yet. Ask the platform team to connect it.',
    );
    expect(
      within(noProvider).getByRole('link', { name: 'the platform team' }),
    ).toHaveAttribute('href', '/platform');
    const admins = within(noProvider).getByTestId('opsdeck-slo-error-admins');
    fireEvent.click(within(admins).getByText('For admins'));
    expect(
      within(admins).getByText('opsdeck.slo.providers.prometheus'),
    ).toBeVisible();
    expect(admins).toHaveTextContent(
      'OpsDeck said: Prometheus is not configured',
    );
    // only http(s) graph links
    expect(
      within(latency).queryByRole('link', { name: /Graph/ }),
    ).not.toBeInTheDocument();
    expect(
      within(latency).queryByTestId('opsdeck-slo-objective'),
    ).not.toBeInTheDocument();

    const availability = screen.getByTestId(
      'opsdeck-slo-checkout-availability',
    );
    expect(
      within(availability).getByTestId('opsdeck-slo-error'),
    ).toHaveTextContent(
      'Prometheus could not answer for this SLO, so it has no numbers right now. Try again in a minute; if it stays this way, ask the platform team.',
    );
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
    await renderOnEntity(<EntityOpsDeckSloCard />, {
      api: { getEntitySlo: () => Promise.reject(error) },
    });
    expect(
      (await screen.findAllByText(/No entity component:default\/checkout/))[0],
    ).toBeInTheDocument();
    expect(screen.getByText('SLOs and error budgets')).toBeVisible();
  });

  it('holds its place with its title while its code and its answer load', async () => {
    let answer: (value: ReturnType<typeof answerOf>) => void = () => {};
    await renderOnEntity(<SloCardShell />, {
      api: {
        getEntitySlo: () =>
          new Promise(resolve => {
            answer = resolve;
          }),
      },
    });
    expect(await screen.findByText('SLOs and error budgets')).toBeVisible();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    answer(answerOf([sloOf([healthy])]));
    expect(await screen.findByTestId('opsdeck-slo-sli')).toHaveTextContent(
      '99.95 %',
    );
  });
});
