import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { OnCallAnswer } from '@opsdeck/backstage-plugin-common';
import { screen, within } from '@testing-library/react';
import { OnCallLevels } from './OnCallLevels';

const answer: OnCallAnswer = {
  entityRef: 'group:default/payments',
  provider: 'pagerduty',
  levels: [
    {
      level: 1,
      people: [{ name: 'Priya Shah', userRef: 'user:default/priya' }],
      until: '2026-12-07T09:00:00Z',
    },
    {
      level: 2,
      people: [{ name: 'Nina Patel', userRef: 'user:default/nina.patel' }],
      until: '2026-12-07T09:00:00Z',
    },
  ],
  asOf: '2026-11-30T10:00:00Z',
  stale: false,
};

function render(signedIn?: string) {
  const identity = signedIn
    ? [
        [
          identityApiRef,
          {
            getBackstageIdentity: async () => ({
              type: 'user' as const,
              userEntityRef: signedIn,
              ownershipEntityRefs: [signedIn],
            }),
          },
        ] as const,
      ]
    : [];
  return renderInTestApp(
    <TestApiProvider apis={identity as any}>
      <OnCallLevels
        oncall={answer}
        subject="team"
        next={{
          person: { name: 'Nina Patel', userRef: 'user:default/nina.patel' },
          from: '2026-12-14T09:00:00Z',
          until: '2026-12-21T09:00:00Z',
          level: 1,
        }}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('OnCallLevels', () => {
  it('says "you" where the signed-in user is on call, and names the level', async () => {
    await render('user:default/Nina.Patel');
    const you = await screen.findByTestId('opsdeck-oncall-you');
    expect(you).toHaveTextContent(/^you — on call now until .*(7 Dec|Dec 7)/);
    expect(within(you).getByRole('link', { name: 'you' })).toHaveAttribute(
      'href',
      '/catalog/default/user/nina.patel',
    );
    const level2 = screen.getByTestId('opsdeck-oncall-level-2');
    expect(level2).toHaveTextContent(/^Level 2 \(second level\): you/);
    // others read as before
    expect(screen.getByTestId('opsdeck-oncall-level-1')).toHaveTextContent(
      /^Level 1: Priya Shah/,
    );
    expect(screen.getByTestId('opsdeck-oncall-next')).toHaveTextContent(
      /^Next: you, from .*(14 Dec|Dec 14)/,
    );
  });

  it('names everyone by name for another reader', async () => {
    await render('user:default/priya');
    expect(
      await screen.findByText('Level 1 (first level):'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('opsdeck-oncall-level-2')).toHaveTextContent(
      /^Level 2: Nina Patel/,
    );
  });

  it('names everyone by name where the app has no identity', async () => {
    await render();
    expect(screen.getByTestId('opsdeck-oncall-level-2')).toHaveTextContent(
      /^Level 2: Nina Patel/,
    );
    expect(screen.queryByTestId('opsdeck-oncall-you')).not.toBeInTheDocument();
  });
});
