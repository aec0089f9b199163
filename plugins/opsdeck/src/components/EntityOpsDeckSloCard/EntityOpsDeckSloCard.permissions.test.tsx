import { act, screen, within } from '@testing-library/react';
import { renderOnEntity } from '../../__testUtils__/fixtures';
import { EntityOpsDeckSloCard } from './EntityOpsDeckSloCard';
import { answerOf, sloOf } from './sloFixtures';

// What a signed-in user without `opsdeck.admin` sees, in a file of its own: the permission hook
// caches answers per permission for a few seconds, so beside allowed tests it could read an
// allowed answer.

/** Lets the permission answers arrive: what is hidden must stay hidden after they have. */
const settle = () => act(() => new Promise(resolve => setTimeout(resolve, 50)));

describe('EntityOpsDeckSloCard without opsdeck.admin', () => {
  it('says whom to ask when no metrics system is connected, without the config key', async () => {
    await renderOnEntity(<EntityOpsDeckSloCard />, {
      api: {
        getEntitySlo: async () =>
          answerOf([
            sloOf([], {
              error: {
                reason: 'no-provider',
                message:
                  'Prometheus is not configured: add opsdeck.slo.providers.prometheus',
              },
            }),
          ]),
      },
      denied: ['opsdeck.admin'],
    });
    const error = await screen.findByTestId('opsdeck-slo-error');
    await settle();
    expect(error).toHaveTextContent(
      'No metrics system is connected to read this SLO (Prometheus), so it has no numbers yet. Ask the platform team to connect it.',
    );
    expect(
      within(error).getByRole('link', { name: 'the platform team' }),
    ).toBeVisible();
    expect(screen.queryByText('For admins')).not.toBeInTheDocument();
    expect(
      screen.queryByText(/opsdeck\.slo\.providers/),
    ).not.toBeInTheDocument();
  });
});
