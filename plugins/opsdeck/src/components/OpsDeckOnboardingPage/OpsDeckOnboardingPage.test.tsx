import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  OnboardingProgress,
  OnboardingQuestProgress,
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

// The page renders quests, links and shifts: slow on a busy 2-core machine, never a failure.
jest.setTimeout(30_000);

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

/** Two quests as the backend answers them: one finished, one with an auto-ticked step. */
const quests = (overrides: Partial<OnboardingProgress> = {}) => {
  const meet: OnboardingQuestProgress = {
    id: 'meet-the-platform',
    title: 'Meet the platform',
    summary: 'Eight platform domains, each with a team that owns it.',
    steps: [
      {
        id: 'platform-owners',
        title: 'Find who owns each platform domain',
        links: [],
        done: true,
        doneBy: 'you',
        doneAt: '2026-11-17T10:00:00Z',
      },
    ],
    done: 1,
    total: 1,
  };
  const delivery: OnboardingQuestProgress = {
    id: 'change-to-production',
    title: 'How a change reaches production here',
    summary: 'Pull request, CI, image, Argo CD.',
    docs: {
      entityRef: 'system:default/delivery-platform',
      path: 'onboarding/',
    },
    domain: 'delivery',
    steps: [
      {
        id: 'pipeline',
        title: "Open your service's pipeline",
        links: [],
        mine: 'pipeline',
        done: false,
      },
      {
        id: 'first-deploy',
        title: 'Ship your first change to production',
        links: [],
        auto: 'first-production-change',
        done: true,
        doneBy: 'auto',
        doneAt: '2026-11-30T14:00:00Z',
        evidence: {
          at: '2026-11-30T14:00:00Z',
          title: 'Deploy 3f2a1c9',
          url: 'https://github.com/acme/checkout/actions/runs/42',
        },
      },
      {
        id: 'on-call-tour',
        title: 'Shadow an on-call shift',
        links: [],
        auto: 'first-oncall-shift',
        done: false,
      },
      {
        id: 'oncall-rota',
        title: 'See who is on call for your team',
        links: [],
        mine: 'oncall',
        done: false,
      },
      {
        id: 'delivery-numbers',
        title: "Read your team's delivery numbers",
        links: [],
        mine: 'service',
        done: false,
      },
    ],
    done: 1,
    total: 5,
  };
  const all = [meet, delivery];
  const steps = all.flatMap(q => q.steps);
  return {
    userRef: 'user:default/nina',
    quests: all,
    steps,
    done: steps.filter(s => s.done).length,
    total: steps.length,
    ...overrides,
  };
};

const checkoutService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    title: 'Checkout API',
    annotations: {
      'github.com/project-slug': 'acme/checkout',
      'backstage.io/techdocs-ref': 'dir:.',
    },
    // eslint-disable-next-line no-script-url -- a link the page must not render
    links: [{ url: 'javascript:alert(1)', title: 'Bad CI', type: 'ci' }],
  },
  spec: { type: 'service', owner: 'group:default/payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
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

  it('teaches the quests in order: reading, steps done by themselves in words, how an auto step ticks, and the reader’s own links', async () => {
    await render(
      'user:default/nina',
      {
        getOnboardingProgress: async () => quests(),
        getGroupServices: async () => ({
          scope: { type: 'group' as const },
          window: { from: 0, to: 1, days: 90 },
          benchmark: 'dora-2023',
          services: [],
        }),
        getEntityOnCall: async () => ({
          entityRef: 'group:default/payments',
          provider: 'pagerduty',
          levels: [],
          asOf: '2026-11-26T10:00:00Z',
          stale: false,
        }),
        getOnCallShifts: async () => ({
          provider: 'pagerduty',
          items: [],
          asOf: '2026-11-26T10:00:00Z',
          stale: false,
        }),
      },
      [user('nina', ['payments']), payments, checkoutService],
    );
    expect(await screen.findByText('2 of 6 done')).toBeInTheDocument();
    const titles = screen
      .getAllByRole('heading', { level: 3 })
      .map(h => h.textContent);
    expect(titles.indexOf('Meet the platform')).toBeLessThan(
      titles.indexOf('How a change reaches production here'),
    );

    const delivery = screen.getByTestId('opsdeck-quest-change-to-production');
    expect(within(delivery).getByText('1 of 5')).toBeInTheDocument();
    expect(
      within(delivery).getByRole('link', {
        name: /^Read: delivery-platform › Onboarding$/,
      }),
    ).toHaveAttribute(
      'href',
      '/docs/default/system/delivery-platform/onboarding/',
    );

    // done by itself: what it found, in words, with the deployment linked
    const shipped = within(delivery).getByTestId('opsdeck-step-first-deploy');
    expect(
      within(shipped).getByRole('checkbox', {
        name: 'Ship your first change to production',
      }),
    ).toBeChecked();
    expect(
      within(shipped).getByTestId('opsdeck-step-evidence'),
    ).toHaveTextContent(
      /^Done — your change shipped in “Deploy 3f2a1c9(, Opens in a new window)?” on (30 Nov|Nov 30)$/,
    );
    expect(
      within(shipped).getByRole('link', { name: /^Deploy 3f2a1c9/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout/actions/runs/42',
    );
    // not done yet: it says it will tick itself, and how
    expect(
      within(delivery).getByTestId('opsdeck-step-on-call-tour'),
    ).toHaveTextContent(
      /Ticks itself when your first on-call shift starts .* shadowing as level 2 counts/,
    );

    // the reader's own links, from the services her team owns
    const pipeline = await within(delivery).findByTestId(
      'opsdeck-mine-pipeline',
    );
    await waitFor(() =>
      expect(
        within(pipeline).getByRole('link', {
          name: /^GitHub Actions · acme\/checkout\b/,
        }),
      ).toHaveAttribute('href', 'https://github.com/acme/checkout/actions'),
    );
    expect(pipeline).toHaveTextContent('Checkout API:');
    expect(pipeline).not.toHaveTextContent('Bad CI'); // not http(s): no link, not shown
    expect(
      within(pipeline).queryByRole('link', { name: /GitHub · / }),
    ).not.toBeInTheDocument(); // the repository is not the pipeline
    expect(
      within(delivery).getByRole('link', { name: 'Payments — Operations tab' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments/operations');
    expect(
      within(within(delivery).getByTestId('opsdeck-mine-service')).getByRole(
        'link',
        { name: 'Checkout API' },
      ),
    ).toHaveAttribute('href', '/catalog/default/component/checkout');
  });

  it('says at the top when the reader is on call, and names the level on the team’s on-call', async () => {
    await render(
      'user:default/nina',
      {
        getOnboardingProgress: async () =>
          quests({
            shift: {
              entityRef: 'component:default/checkout',
              from: '2026-11-30T09:00:00Z',
              until: '2026-12-07T09:00:00Z',
              level: 2,
              scheduleName: 'Payments secondary',
              now: true,
            },
          }),
        getGroupServices: async () => ({
          scope: { type: 'group' as const },
          window: { from: 0, to: 1, days: 90 },
          benchmark: 'dora-2023',
          services: [],
        }),
        getEntityOnCall: async () => ({
          entityRef: 'group:default/payments',
          provider: 'pagerduty',
          levels: [
            { level: 1, people: [{ name: 'Priya Shah' }] },
            {
              level: 2,
              people: [{ name: 'Nina Patel', userRef: 'user:default/nina' }],
              until: '2026-12-07T09:00:00Z',
            },
          ],
          asOf: '2026-11-26T10:00:00Z',
          stale: false,
        }),
        getOnCallShifts: async () => ({
          provider: 'pagerduty',
          items: [],
          asOf: '2026-11-26T10:00:00Z',
          stale: false,
        }),
      },
      [user('nina', ['payments']), payments],
    );
    const shift = await screen.findByTestId('opsdeck-your-shift');
    expect(shift).toHaveTextContent(
      /^You are on call now: level 2 for checkout until .*(7 Dec|Dec 7).*/,
    );
    expect(shift).toHaveTextContent(/a shadow shift/);
    expect(shift).toHaveTextContent('Schedule: Payments secondary');
    const team = await screen.findByTestId('opsdeck-my-team');
    expect(
      await within(team).findByTestId('opsdeck-oncall-you'),
    ).toHaveTextContent(/^you — on call now until .*(7 Dec|Dec 7)/);
    expect(
      within(team).getByText('Level 2 (second level):'),
    ).toBeInTheDocument();
  });

  it('keeps finished quests closed and unfinished ones open', async () => {
    await render(
      'user:default/guest',
      { getOnboardingProgress: async () => quests() },
      [],
    );
    const meet = await screen.findByTestId('opsdeck-quest-meet-the-platform');
    const delivery = screen.getByTestId('opsdeck-quest-change-to-production');
    expect(
      within(meet).getByRole('button', { name: /Meet the platform/ }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(within(meet).getByTitle('finished')).toBeInTheDocument();
    expect(
      within(delivery).getByRole('button', { name: /How a change reaches/ }),
    ).toHaveAttribute('aria-expanded', 'true');
    // without a team, the reader's own links say where they will come from
    expect(
      within(delivery).getByTestId('opsdeck-mine-pipeline'),
    ).toHaveTextContent(
      'Links to your own services show here once you are in a team.',
    );
  });
});
