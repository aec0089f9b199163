import {
  TranslationApi,
  translationApiRef,
} from '@backstage/core-plugin-api/alpha';
import { mockApis } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { doraAnswer, history, renderOnEntity } from './__testUtils__/fixtures';
import { EntityOpsDeckDoraCard } from './components/EntityOpsDeckDoraCard/EntityOpsDeckDoraCard';
import { opsdeckTranslationRef } from './translation';

/** The test app's translations, with some of OpsDeck's messages replaced as an app would. */
function reworded(messages: Record<string, string>): TranslationApi {
  const base = mockApis.translation();
  return {
    getTranslation(ref) {
      const snapshot = base.getTranslation(ref);
      if (!snapshot.ready || ref.id !== opsdeckTranslationRef.id) {
        return snapshot;
      }
      const t = ((key: string, options?: Record<string, unknown>) =>
        key in messages
          ? messages[key].replace(/\{\{(\w+)\}\}/g, (_, name) =>
              String(options?.[name] ?? ''),
            )
          : (snapshot.t as any)(key, options)) as typeof snapshot.t;
      return { ready: true, t };
    },
    translation$: base.translation$.bind(base),
  };
}

describe('opsdeckTranslationRef', () => {
  it('carries the texts of the cards: an app can reword them', async () => {
    const answer = doraAnswer(history({ days: 200, perWeek: 14 }));
    await renderOnEntity(<EntityOpsDeckDoraCard />, {
      api: { getEntityDora: async () => answer },
      apis: [
        [
          translationApiRef,
          reworded({
            'cards.dora': 'Lieferkennzahlen',
            'metrics.changeFailRate.title': 'Änderungsfehlerrate',
            'units.perDay': '{{value}} pro Tag',
          }),
        ],
      ],
    });
    expect(await screen.findByText('Lieferkennzahlen')).toBeInTheDocument();
    expect(screen.getByText('Änderungsfehlerrate')).toBeInTheDocument();
    expect(
      screen.getByTestId('opsdeck-dora-deploymentFrequency-value'),
    ).toHaveTextContent(
      `${answer.current.deploymentFrequency.value!.toFixed(1)} pro Tag`,
    );
    // what the app did not reword keeps OpsDeck's words
    expect(screen.getByText('Change lead time')).toBeInTheDocument();
  });
});
