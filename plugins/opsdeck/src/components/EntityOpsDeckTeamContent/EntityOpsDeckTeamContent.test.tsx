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

const notHere = async (): Promise<never> => {
  throw new Error('not in this test');
};

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

  it("groups the team's services by error budget state, with its child teams' when asked", async () => {
    const getGroupSlo = jest.fn(async (_ref: any, query: any) => ({
      items: [
        {
          entityRef: 'component:default/checkout',
          state: 'healthy' as const,
          worst: {
            slo: 'Checkout availability',
            objective: 'Availability',
            remaining: 0.83,
            status: 'ok' as const,
          },
        },
        {
          entityRef: 'component:default/ledger',
          state: 'no-slo' as const,
        },
        ...(query.includeChildren
          ? [
              {
                entityRef: 'component:default/fraud',
                state: 'exhausted' as const,
                worst: {
                  slo: 'Fraud availability',
                  objective: 'Availability',
                  remaining: -0.2,
                  status: 'page' as const,
                },
              },
            ]
          : []),
      ],
      counts: {
        exhausted: query.includeChildren ? 1 : 0,
        burning: 0,
        healthy: 1,
        'no-data': 0,
        'no-slo': 1,
      },
      stale: false,
    }));
    await renderOnEntity(<EntityOpsDeckTeamContent />, {
      entity: team,
      api: {
        getGroupSlo,
        getGroupDora: notHere,
        getGroupServices: notHere,
        getGroupCoverage: notHere,
        getEntityOnCall: notHere,
        getOnCallShifts: notHere,
      },
    });
    const card = await screen.findByTestId('opsdeck-budget-states');
    const state = (name: RegExp) => within(card).getByRole('region', { name });
    expect(state(/^Healthy/)).toHaveAccessibleName('Healthy: 1');
    expect(state(/^Healthy/)).toHaveTextContent(
      'checkout' + 'Availability (Checkout availability): 83.0 % left',
    );
    expect(state(/^No SLO/)).toHaveTextContent('ledger');
    expect(state(/^Exhausted/)).toHaveAccessibleName('Exhausted: 0');
    expect(getGroupSlo).toHaveBeenCalledWith(
      { kind: 'Group', namespace: 'default', name: 'payments' },
      { includeChildren: false },
    );

    fireEvent.click(screen.getByLabelText('Include child teams'));
    await waitFor(() =>
      expect(
        within(screen.getByTestId('opsdeck-budget-states')).getByRole(
          'region',
          { name: /^Exhausted/ },
        ),
      ).toHaveTextContent(
        'fraud' + 'Availability (Fraud availability): -20.0 % left',
      ),
    );
    expect(getGroupSlo).toHaveBeenLastCalledWith(expect.anything(), {
      includeChildren: true,
    });
  });
});
