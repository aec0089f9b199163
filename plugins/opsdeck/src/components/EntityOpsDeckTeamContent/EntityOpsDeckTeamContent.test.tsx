import { Entity } from '@backstage/catalog-model';
import {
  ScopeServiceRow,
  computeEntityCoverage,
  doraHeadlines,
  summarizeScopeCoverage,
} from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  doraAnswer,
  history,
  renderOnEntity,
} from '../../__testUtils__/fixtures';
import { EntityOpsDeckTeamContent } from './EntityOpsDeckTeamContent';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
  spec: { type: 'team', children: [] },
};

const fast = doraAnswer(history({ days: 180, perWeek: 14 }));
const slow = doraAnswer(history({ days: 180, perWeek: 1, failEvery: 2 }));
const row = (
  name: string,
  answer: typeof fast,
  coverage: number,
): ScopeServiceRow => ({
  entityRef: `component:default/${name}`,
  owner: 'group:default/payments',
  coverage,
  missing: [],
  dora: doraHeadlines(answer.current),
});

describe('EntityOpsDeckTeamContent', () => {
  it("shows the team's rollup, rotation and a sortable table of its services", async () => {
    const getGroupDora = jest.fn(async () => ({
      ...fast,
      scope: {
        type: 'group' as const,
        entityRef: 'group:default/payments',
        services: 2,
      },
    }));
    const getGroupServices = jest.fn(async () => ({
      scope: { type: 'group' as const, entityRef: 'group:default/payments' },
      window: { ...fast.current.window },
      benchmark: 'dora-2023',
      services: [row('checkout', fast, 100), row('ledger', slow, 25)],
    }));
    const getEntityOnCall = jest.fn(async (ref: any) => ({
      entityRef: `x:${ref.name}`,
      provider: 'rotation',
      levels: [
        {
          level: 1,
          people: [
            { name: ref.name === 'ledger' ? 'Daniel Kim' : 'Priya Shah' },
          ],
        },
      ],
      asOf: '2026-11-26T10:00:00Z',
      stale: false,
    }));
    const coverage = summarizeScopeCoverage(
      { type: 'group', entityRef: 'group:default/payments' },
      [
        computeEntityCoverage('component:default/checkout', {
          kind: 'Component',
          metadata: { annotations: { 'github.com/project-slug': 'a/b' } },
          spec: { owner: 'payments' },
        }),
      ],
    );
    const getGroupCoverage = jest.fn(async () => coverage);
    await renderOnEntity(<EntityOpsDeckTeamContent />, {
      entity: team,
      api: {
        getGroupDora,
        getGroupServices,
        getGroupCoverage,
        getEntityOnCall,
        getOnCallShifts: async () => ({
          provider: 'rotation',
          items: [
            {
              person: { name: 'Nina Patel' },
              from: '2099-01-05T09:00:00Z',
              until: '2099-01-12T09:00:00Z',
              level: 1,
            },
          ],
          asOf: '2026-11-26T10:00:00Z',
          stale: false,
        }),
      },
    });
    expect(
      await screen.findByTestId('opsdeck-dora-deploymentFrequency-value'),
    ).toHaveTextContent(
      `${fast.current.deploymentFrequency.value!.toFixed(1)} / day`,
    );
    expect(
      await screen.findByTestId('opsdeck-scope-coverage'),
    ).toHaveTextContent(`${coverage.percent}%`);
    expect(await screen.findByTestId('opsdeck-team-shifts')).toHaveTextContent(
      'Nina Patel',
    );

    const table = await screen.findByTestId('opsdeck-services-table');
    await waitFor(() => expect(table).toHaveTextContent('Daniel Kim'));
    const bodyRows = () => within(table).getAllByRole('row').slice(1);
    expect(bodyRows()[0]).toHaveTextContent('checkout');
    expect(bodyRows()[0]).toHaveTextContent('Priya Shah');
    expect(bodyRows()[0]).toHaveTextContent('100%');
    expect(bodyRows()[1]).toHaveTextContent('Low'); // ledger's fail rate
    // sort by coverage, ascending: ledger first
    fireEvent.click(within(table).getByText('Coverage'));
    await waitFor(() => expect(bodyRows()[0]).toHaveTextContent('ledger'));
    // filter
    fireEvent.change(within(table).getByPlaceholderText('Filter'), {
      target: { value: 'daniel' },
    });
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(bodyRows()[0]).toHaveTextContent('ledger');

    // include child teams: asked again with includeChildren
    fireEvent.click(screen.getByLabelText('Include child teams'));
    await waitFor(() =>
      expect(getGroupServices).toHaveBeenLastCalledWith(
        { kind: 'Group', namespace: 'default', name: 'payments' },
        expect.objectContaining({ includeChildren: true }),
      ),
    );
    expect(getGroupDora).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ includeChildren: true }),
    );
  });
});
