import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  OnboardingProgress,
  doraHeadlines,
} from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { OpsDeckApi, opsDeckApiRef } from '../../api/OpsDeckApi';
import {
  doraAnswer,
  history,
  mountedRoutes,
  permissionsWithout,
} from '../../__testUtils__/fixtures';
import { OpsDeckOnboardingPage } from './OpsDeckOnboardingPage';

const user = (name: string, teams: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName: name === 'nina' ? 'Nina Patel' : name } },
  relations: teams.map(t => ({
    type: 'memberOf',
    targetRef: `group:default/${t}`,
  })),
});
const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', profile: { displayName: 'Payments' }, children: [] },
  relations: [
    { type: 'hasMember', targetRef: 'user:default/nina' },
    { type: 'hasMember', targetRef: 'user:default/daniel' },
  ],
};

const progress = (done: boolean[]): OnboardingProgress => {
  const steps = [
    {
      id: 'vpn',
      title: 'Get VPN access',
      links: [],
      domain: 'network' as const,
    },
    { id: 'first-deploy', title: 'Ship your first change', links: [] },
  ].map((s, i) => ({ ...s, done: done[i] }));
  return {
    userRef: 'user:default/nina',
    steps,
    done: steps.filter(s => s.done).length,
    total: steps.length,
  };
};

function render(userRef: string, api: Partial<OpsDeckApi>, catalog: Entity[]) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [opsDeckApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: catalog })],
        [permissionApiRef, permissionsWithout()],
        [
          identityApiRef,
          {
            getBackstageIdentity: async () => ({
              type: 'user' as const,
              userEntityRef: userRef,
              ownershipEntityRefs: [userRef],
            }),
          },
        ],
      ]}
    >
      <OpsDeckOnboardingPage />
    </TestApiProvider>,
    { mountedRoutes },
  );
}

describe('OpsDeckOnboardingPage', () => {
  it("shows the checklist with progress, saves a tick, and the user's team, services and next shift", async () => {
    const setOnboardingStep = jest.fn(async (_step: string, done: boolean) =>
      progress([done, false]),
    );
    const answer = doraAnswer(history({ days: 180, perWeek: 14 }));
    await render(
      'user:default/nina',
      {
        getOnboardingProgress: async () => progress([false, false]),
        setOnboardingStep,
        getGroupServices: async () => ({
          scope: { type: 'group' as const },
          window: answer.current.window,
          benchmark: 'dora-2023',
          services: [
            {
              entityRef: 'component:default/checkout',
              owner: 'group:default/payments',
              coverage: 75,
              missing: [],
              dora: doraHeadlines(answer.current),
            },
          ],
        }),
        getEntityOnCall: async ref => ({
          entityRef: `x:${ref.name}`,
          provider: 'pagerduty',
          levels: [{ level: 1, people: [{ name: 'Priya Shah' }] }],
          asOf: '2026-11-26T10:00:00Z',
          stale: false,
        }),
        getOnCallShifts: async () => ({
          provider: 'pagerduty',
          items: [
            {
              person: { name: 'Nina Patel', userRef: 'user:default/nina' },
              from: '2099-11-30T09:00:00Z',
              until: '2099-12-07T09:00:00Z',
              level: 1,
              scheduleName: 'Payments primary',
            },
            {
              person: { name: 'Priya Shah', userRef: 'user:default/priya' },
              from: '2099-11-23T09:00:00Z',
              until: '2099-11-30T09:00:00Z',
              level: 1,
            },
          ],
          asOf: '2026-11-26T10:00:00Z',
          stale: false,
        }),
      },
      [user('nina', ['payments']), payments],
    );
    expect(await screen.findByText('Welcome, Nina Patel')).toBeInTheDocument();
    expect(await screen.findByText('0 of 2 done')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Get VPN access' }));
    await waitFor(() =>
      expect(screen.getByText('1 of 2 done')).toBeInTheDocument(),
    );
    expect(setOnboardingStep).toHaveBeenCalledWith('vpn', true);
    expect(screen.getByTestId('opsdeck-checklist-progress')).toHaveAttribute(
      'aria-valuenow',
      '50',
    );

    const team = await screen.findByTestId('opsdeck-my-team');
    expect(
      within(team).getByRole('link', { name: 'Payments' }),
    ).toBeInTheDocument();
    expect(await within(team).findByText('Priya Shah')).toBeInTheDocument();
    expect(within(team).getByTestId('opsdeck-people-to-ask')).toHaveTextContent(
      'daniel',
    );
    expect(
      within(team).getByTestId('opsdeck-people-to-ask'),
    ).not.toHaveTextContent('nina');
    const shifts = await screen.findByTestId('opsdeck-my-shifts');
    expect(within(shifts).getAllByRole('listitem')).toHaveLength(1); // only Nina's own
    expect(shifts).toHaveTextContent('Payments primary');
    const table = await screen.findByTestId('opsdeck-services-table');
    await waitFor(() => expect(table).toHaveTextContent('checkout'));
    expect(table).toHaveTextContent('75%');
    expect(
      within(table).getByRole('link', { name: /payments/ }),
    ).toBeInTheDocument();
  });

  it('tells a user without a team what to do', async () => {
    await render(
      'user:default/guest',
      { getOnboardingProgress: async () => progress([false, false]) },
      [],
    );
    expect(
      await screen.findByText('You are not in a team yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Ask your lead to add you to your team/),
    ).toBeInTheDocument();
    const fix = screen.getByTestId('opsdeck-no-team-fix');
    fireEvent.click(within(fix).getByText('For admins'));
    expect(fix).toHaveTextContent(
      'Add guest to the team’s Group (spec.members) or set spec.memberOf on the User.',
    );
  });
});
