/* eslint-disable no-script-url -- javascript: URLs are fed on purpose: they must never become links */
import {
  OnCallAnswer,
  OwnershipAnswer,
} from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderOnEntity } from '../../__testUtils__/fixtures';
import { EntityOpsDeckOwnershipCard } from './EntityOpsDeckOwnershipCard';

const oncall: OnCallAnswer = {
  entityRef: 'component:default/checkout',
  provider: 'pagerduty',
  source: {
    annotation: 'pagerduty.com/service-id',
    origin: 'system',
    entityRef: 'system:default/payments',
  },
  levels: [
    {
      level: 1,
      people: [
        {
          name: 'Priya Shah',
          email: 'priya@acme.test',
          userRef: 'user:default/priya.shah',
        },
      ],
      until: '2026-11-30T09:00:00Z',
      scheduleName: 'Checkout primary',
    },
    { level: 2, people: [{ name: 'Outside Contractor' }] },
  ],
  incidents: [
    {
      id: 'Q1',
      title: 'Elevated 5xx',
      status: 'acknowledged',
      createdAt: '2026-11-26T08:00:00Z',
      url: 'https://acme.pagerduty.test/incidents/Q1',
    },
    {
      id: 'Q2',
      title: 'Sneaky',
      status: 'triggered',
      createdAt: '2026-11-26T08:00:00Z',
      url: 'javascript:alert(1)',
    },
  ],
  asOf: '2026-11-26T10:00:00Z',
  stale: true,
};

const ownership: OwnershipAnswer = {
  entityRef: 'component:default/checkout',
  owner: {
    entityRef: 'group:default/payments',
    name: 'Payments',
    email: 'payments@acme.test',
    members: [
      { entityRef: 'user:default/priya.shah', name: 'Priya Shah' },
      { entityRef: 'user:default/daniel.kim', name: 'Daniel Kim' },
    ],
    links: [
      { title: '#team-payments', url: 'https://acme.slack.test/payments' },
    ],
  },
  parents: [
    { entityRef: 'group:default/commerce', name: 'Commerce' },
    { entityRef: 'group:default/acme', name: 'Acme' },
  ],
  oncall,
};

describe('EntityOpsDeckOwnershipCard', () => {
  it('shows the owning team, its chain, contacts and members, and who is on call per level', async () => {
    const getOnCallShifts = jest.fn(async () => ({
      provider: 'pagerduty',
      items: [
        {
          person: { name: 'Priya Shah', userRef: 'user:default/priya.shah' },
          from: '2026-11-23T09:00:00Z',
          until: '2026-11-30T09:00:00Z',
          level: 1,
        },
        {
          person: { name: 'Nina Patel', userRef: 'user:default/nina.patel' },
          from: '2099-11-30T09:00:00Z',
          until: '2099-12-07T09:00:00Z',
          level: 1,
        },
      ],
      asOf: '2026-11-26T10:00:00Z',
      stale: false,
    }));
    await renderOnEntity(<EntityOpsDeckOwnershipCard />, {
      api: { getEntityOwnership: async () => ownership, getOnCallShifts },
    });
    expect(
      await screen.findByRole('link', { name: 'Payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(screen.getByTestId('opsdeck-owner-parents')).toHaveTextContent(
      'part of Commerce › Acme',
    );
    expect(screen.getByText('payments@acme.test')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /#team-payments/ }),
    ).toHaveAttribute('href', 'https://acme.slack.test/payments');
    expect(screen.getByTestId('opsdeck-owner-members')).toHaveTextContent(
      '2 members: Priya Shah, Daniel Kim',
    );

    const level1 = screen.getByTestId('opsdeck-oncall-level-1');
    expect(
      within(level1).getByRole('link', { name: 'Priya Shah' }),
    ).toHaveAttribute('href', '/catalog/default/user/priya.shah');
    expect(level1).toHaveTextContent('Checkout primary');
    expect(level1).toHaveTextContent(/until .*2026/);
    // a provider person with no catalog User is plain text
    const level2 = screen.getByTestId('opsdeck-oncall-level-2');
    expect(level2).toHaveTextContent('Outside Contractor');
    expect(within(level2).queryByRole('link')).not.toBeInTheDocument();

    expect(await screen.findByTestId('opsdeck-oncall-next')).toHaveTextContent(
      'Next: Nina Patel from',
    );
    expect(getOnCallShifts).toHaveBeenCalledWith('component:default/checkout');
    const incidents = screen.getByTestId('opsdeck-oncall-incidents');
    expect(incidents).toHaveTextContent('2 open incidents');
    expect(
      within(incidents).getByRole('link', { name: /Elevated 5xx/ }),
    ).toHaveAttribute('href', 'https://acme.pagerduty.test/incidents/Q1');
    // javascript: is never a link
    expect(
      within(incidents).queryByRole('link', { name: /Sneaky/ }),
    ).not.toBeInTheDocument();
    expect(incidents).toHaveTextContent('Sneaky');
    expect(screen.getByTestId('opsdeck-oncall-stale')).toHaveTextContent(
      'stale',
    );
    // where the on-call came from, by name and linked, not as a ref
    const oncallBox = screen.getByTestId('opsdeck-oncall');
    expect(oncallBox).toHaveTextContent('from PagerDuty via payments');
    expect(oncallBox).not.toHaveTextContent('system:default/payments');
    expect(
      within(oncallBox).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments');
    expect(screen.getByTestId('opsdeck-oncall-asof')).toHaveTextContent(
      /as of .*UTC[+−]/,
    );
  });

  it('says whom to ask about a missing owner and a missing on-call, and admins how to fix them', async () => {
    await renderOnEntity(<EntityOpsDeckOwnershipCard />, {
      api: {
        getEntityOwnership: async () => ({
          entityRef: 'component:default/checkout',
          parents: [],
          oncall: {
            entityRef: 'component:default/checkout',
            provider: null,
            levels: [],
            asOf: '2026-11-26T10:00:00Z',
            stale: false,
            error: {
              reason: 'no-oncall-annotation',
              message:
                'Add pagerduty.com/service-id or opsdeck.io/oncall-rotation.',
            },
          },
        }),
        getOnCallShifts: async () => ({
          provider: null,
          items: [],
          asOf: '',
          stale: false,
        }),
      },
    });
    expect(await screen.findByTestId('opsdeck-no-owner')).toHaveTextContent(
      'Nobody is named as this service’s owner yet. Ask the platform team who owns it.',
    );
    const error = screen.getByTestId('opsdeck-oncall-error');
    expect(error).toHaveTextContent(
      'On-call for this service is not set up yet — ask the platform team.',
    );
    expect(error).not.toHaveTextContent('pagerduty.com/service-id');
    const detail = screen.getByTestId('opsdeck-oncall-error-detail');
    fireEvent.click(within(detail).getByText('For admins'));
    expect(detail).toHaveTextContent(
      'Add pagerduty.com/service-id or opsdeck.io/oncall-rotation.',
    );
    const owner = screen.getByTestId('opsdeck-owner');
    fireEvent.click(within(owner).getByText('For admins'));
    expect(owner).toHaveTextContent(
      'Set spec.owner to the owning team in the entity’s catalog-info.yaml.',
    );
    expect(
      screen.queryByTestId('opsdeck-oncall-stale'),
    ).not.toBeInTheDocument();
  });
});
