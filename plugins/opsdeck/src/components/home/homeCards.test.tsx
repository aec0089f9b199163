import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  OnCallAnswer,
  OnboardingProgress,
  doraHeadlines,
} from '@opsdeck/backstage-plugin-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { ReactElement } from 'react';
import {
  doraAnswer,
  history,
  mountedRoutes,
  permissionsWithout,
} from '../../__testUtils__/fixtures';
import { OpsDeckApi, opsDeckApiRef } from '../../api/OpsDeckApi';
import {
  OpsDeckMyServicesCard,
  OpsDeckNextShiftCard,
  OpsDeckOnboardingCard,
  OpsDeckOpenIncidentsCard,
} from '../../plugin';
import { onboardingRouteRef } from '../../routes';

const nina: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'nina', namespace: 'default' },
  spec: { profile: { displayName: 'Nina Patel' } },
  relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
};
const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', profile: { displayName: 'Payments' }, children: [] },
};

const answer = doraAnswer(history({ days: 180, perWeek: 14, failEvery: 4 }));
const services: Partial<OpsDeckApi> = {
  getGroupServices: async () => ({
    scope: { type: 'group' as const },
    window: { ...answer.current.window, days: 90 },
    benchmark: 'dora-2023',
    services: ['checkout-api', 'ledger-worker'].map(name => ({
      entityRef: `component:default/${name}`,
      title: name === 'checkout-api' ? 'Checkout API' : undefined,
      owner: 'group:default/payments',
      coverage: 75,
      missing: [],
      dora: doraHeadlines(answer.current),
    })),
  }),
};
const oncall = (ref: string): OnCallAnswer => ({
  entityRef: ref,
  provider: 'pagerduty',
  levels: [
    {
      level: 1,
      people: [
        ref.endsWith('checkout-api')
          ? { name: 'Nina Patel', userRef: 'user:default/nina' }
          : { name: 'Priya Shah', userRef: 'user:default/priya' },
      ],
    },
  ],
  incidents: ref.endsWith('checkout-api')
    ? [
        {
          id: 'PINC1',
          title: 'Checkout p99 above 2 s',
          status: 'triggered',
          urgency: 'high',
          createdAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
          url: 'https://acme.pagerduty.com/incidents/PINC1',
        },
      ]
    : [],
  asOf: '2026-11-30T10:00:00Z',
  stale: false,
});

const progress = (done: number, total: number): OnboardingProgress => ({
  userRef: 'user:default/nina',
  quests: [
    {
      id: 'change-to-production',
      title: 'How a change reaches production here',
      steps: [],
      done: Math.min(done, total),
      total,
    },
  ],
  steps: [],
  done,
  total,
  shift: {
    entityRef: 'component:default/checkout-api',
    from: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    until: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    level: 2,
    now: false,
  },
});

function render(card: ReactElement, api: Partial<OpsDeckApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [opsDeckApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [nina, payments] })],
        [permissionApiRef, permissionsWithout()],
        [
          identityApiRef,
          {
            getBackstageIdentity: async () => ({
              type: 'user' as const,
              userEntityRef: 'user:default/nina',
              ownershipEntityRefs: ['user:default/nina'],
            }),
          },
        ],
      ]}
    >
      {card}
    </TestApiProvider>,
    { mountedRoutes: { ...mountedRoutes, '/onboarding': onboardingRouteRef } },
  );
}

describe('OpsDeck home page cards', () => {
  it('My services: the teams’ services, who is on call ("you") and the DORA tiers', async () => {
    await render(<OpsDeckMyServicesCard />, {
      ...services,
      getEntityOnCall: async ref => oncall(`component:default/${ref.name}`),
    });
    expect(await screen.findByText('My services')).toBeInTheDocument();
    const card = await screen.findByTestId('opsdeck-home-my-services');
    expect(card).toHaveTextContent('Your teams’ services · last 90 days');
    const rows = await within(card).findAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      'ServiceOn call nowDeploysLead timeFail rate',
      expect.stringMatching(/^Checkout APIyou(Elite|High|Medium|Low){3}$/),
      expect.stringMatching(
        /^ledger-workerPriya Shah(Elite|High|Medium|Low){3}$/,
      ),
    ]);
    expect(
      within(card).getByRole('link', { name: 'Checkout API' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api');
    expect(
      within(card).getByRole('link', { name: 'All services of Payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments/operations');
  });

  it('My next shift: the reader’s next on-call shift in words', async () => {
    await render(<OpsDeckNextShiftCard />, {
      getOnboardingProgress: async () => progress(2, 6),
    });
    expect(await screen.findByText('My next shift')).toBeInTheDocument();
    const card = await screen.findByTestId('opsdeck-home-next-shift');
    expect(card).toHaveTextContent(
      /^Your next shift: level 2 for checkout-api, .* – .* \(in 3 days\)/,
    );
    expect(card).toHaveTextContent(/a shadow shift/);
    expect(
      await within(card).findByRole('link', {
        name: 'Your team’s on-call: Payments',
      }),
    ).toHaveAttribute('href', '/catalog/default/group/payments/operations');
  });

  it('Open incidents on my services: each with its service, status and age', async () => {
    await render(<OpsDeckOpenIncidentsCard />, {
      ...services,
      getEntityOnCall: async ref => oncall(`component:default/${ref.name}`),
    });
    expect(
      await screen.findByText('Open incidents on my services'),
    ).toBeInTheDocument();
    const card = await screen.findByTestId('opsdeck-home-incidents');
    expect(
      within(card).getByRole('link', { name: /^Checkout p99 above 2 s/ }),
    ).toHaveAttribute('href', 'https://acme.pagerduty.com/incidents/PINC1');
    expect(card).toHaveTextContent(
      'checkout-api · triggered · high · opened 2 hours ago',
    );
  });

  it('Open incidents: says so when there are none', async () => {
    await render(<OpsDeckOpenIncidentsCard />, {
      ...services,
      getEntityOnCall: async ref => ({
        ...oncall(`component:default/${ref.name}`),
        incidents: [],
      }),
    });
    expect(
      await screen.findByText('No open incidents on your services.'),
    ).toBeInTheDocument();
  });

  it('Onboarding: progress and a pointer while a step is left', async () => {
    await render(<OpsDeckOnboardingCard />, {
      getOnboardingProgress: async () => progress(2, 6),
    });
    const card = await screen.findByTestId('opsdeck-home-onboarding');
    expect(screen.getByText('Onboarding')).toBeInTheDocument();
    expect(card).toHaveTextContent('2 of 6 steps done');
    expect(card).toHaveTextContent(
      'Next: How a change reaches production here',
    );
    expect(
      within(card).getByRole('link', { name: 'Continue onboarding' }),
    ).toHaveAttribute('href', '/onboarding');
  });

  it('Onboarding: hidden, title and all, once every step is done', async () => {
    const getOnboardingProgress = jest.fn(async () => progress(6, 6));
    await render(<OpsDeckOnboardingCard />, { getOnboardingProgress });
    await waitFor(() => expect(getOnboardingProgress).toHaveBeenCalled());
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(screen.queryByText('Onboarding')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('opsdeck-home-onboarding'),
    ).not.toBeInTheDocument();
  });
});
