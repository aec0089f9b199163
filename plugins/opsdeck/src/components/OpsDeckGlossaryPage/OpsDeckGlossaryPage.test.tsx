import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  mountedRoutes,
  permissionsWithout,
} from '../../__testUtils__/fixtures';
import { OpsDeckGlossaryPage } from './OpsDeckGlossaryPage';

function render(path: string) {
  return renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, permissionsWithout()]]}>
      <OpsDeckGlossaryPage />
    </TestApiProvider>,
    { routeEntries: [path], mountedRoutes },
  );
}

describe('OpsDeckGlossaryPage', () => {
  it('explains every metric and word the cards use, in plain words', async () => {
    await render('/opsdeck/glossary');
    for (const term of [
      'Deployment frequency',
      'Change lead time',
      'Change fail rate',
      'Failed deployment recovery time',
      'Deployment rework rate',
      'MTTR',
      'Recovery time vs MTTR',
      'Tiers: Elite, High, Medium, Low',
      'Benchmark sets',
      'Points (percentage points)',
      'Not benchmarked',
      'Not enough history to compare',
      'Deployment',
      'Incident',
      'Rework',
    ]) {
      expect(
        screen.getByRole('heading', { name: term, level: 3 }),
      ).toBeInTheDocument();
    }
    expect(screen.getByTestId('opsdeck-glossary-mttr')).toHaveTextContent(
      'MTTR stands for mean time to restore.',
    );
    expect(
      screen.getByTestId('opsdeck-glossary-recovery-vs-mttr'),
    ).toHaveTextContent(
      'Failed deployment recovery time starts at a deployment',
    );
    expect(screen.getByTestId('opsdeck-glossary-points')).toHaveTextContent(
      'from 10 % to 13 % rose by 3 points',
    );
    expect(
      screen.getByTestId('opsdeck-glossary-not-enough-history'),
    ).toHaveTextContent('each window holds at least 5 values of that metric');
    const sets = screen.getByTestId('opsdeck-glossary-benchmark-sets');
    for (const set of ['dora-2023', 'dora-2021', 'none', 'custom']) {
      expect(sets).toHaveTextContent(`${set}`);
    }
  });

  it('explains the SLO words the SLO card links to', async () => {
    await render('/opsdeck/glossary#burn-rate');
    for (const term of [
      'SLO (service level objective)',
      'SLI (service level indicator)',
      'Error budget',
      'Burn rate',
      'Budget states: exhausted, burning, healthy',
    ]) {
      expect(
        screen.getByRole('heading', { name: term, level: 3 }),
      ).toBeVisible();
    }
    expect(screen.getByTestId('opsdeck-glossary-slo')).toHaveTextContent(
      'OpenSLO v1 files that a Component names in its opsdeck.io/openslo annotation',
    );
    expect(screen.getByTestId('opsdeck-glossary-sli')).toHaveTextContent(
      'never 0 % or 100 %',
    );
    expect(
      screen.getByTestId('opsdeck-glossary-error-budget'),
    ).toHaveTextContent(
      'with a target of 99.9 %, 0.1 % of the window’s events may fail',
    );
    const burn = screen.getByTestId('opsdeck-glossary-burn-rate');
    expect(burn).toHaveTextContent(
      'Page when the burn is at least 14.4× over both 1 hour and 5 minutes, or at least 6× over both 6 hours and 30 minutes; Ticket when it is at least 1× over both 3 days and 6 hours',
    );
    expect(
      within(screen.getByTestId('opsdeck-glossary-budget-states'))
        .getAllByRole('listitem')
        .map(item => item.textContent?.split(':')[0]),
    ).toEqual(['Exhausted', 'Burning', 'Healthy', 'No data', 'No SLO']);
  });

  it("shows the tiers' thresholds of the set the card linked from, and of the others on request", async () => {
    await render('/opsdeck/glossary?benchmark=dora-2021#tiers');
    const tiers = screen.getByTestId('opsdeck-glossary-tiers');
    expect(tiers).toHaveTextContent(
      'Tiers on this portal’s cards follow dora-2021.',
    );
    const failRate = within(tiers).getByTestId(
      'opsdeck-glossary-thresholds-changeFailRate',
    );
    expect(
      within(failRate)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['at most 15 %', 'at most 30 %', 'at most 45 %', 'above 45 %']);
    expect(
      within(tiers)
        .getAllByRole('cell')
        .map(c => c.textContent)
        .slice(0, 4),
    ).toEqual([
      'at least once a day',
      'at least once every 30 days',
      'at least once every 182 days',
      'less than once every 182 days',
    ]);
    expect(
      within(
        within(tiers).getByTestId('opsdeck-glossary-thresholds-reworkRate'),
      ).getAllByRole('cell')[0],
    ).toHaveTextContent('not tiered');

    fireEvent.click(within(tiers).getByRole('button', { name: 'dora-2023' }));
    expect(
      within(
        within(tiers).getByTestId('opsdeck-glossary-thresholds-changeLeadTime'),
      )
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'under 1 day',
      'under 7 days',
      'under 30 days',
      '30 days or more',
    ]);

    fireEvent.click(within(tiers).getByRole('button', { name: 'none' }));
    expect(tiers).toHaveTextContent(
      'This set gives no tiers: numbers and trends only.',
    );
    fireEvent.click(within(tiers).getByRole('button', { name: 'custom' }));
    expect(tiers).toHaveTextContent(
      'Your platform team set these thresholds for this portal; ask them for the numbers.',
    );
  });
});
