import { InfoCard, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import { ForwardedError } from '@backstage/errors';
import { lazy, Suspense } from 'react';
import { opsdeckTranslationRef } from '../../translation';

// About the loaded card's height with one SLO of one objective, so the cards below move little
// when it arrives. The shared CardPlaceholder names its titles under `cards.`; this card's title
// lives with its own texts under `sloCard.`, hence its own placeholder.
const MIN_HEIGHT = 360;

/**
 * The SLO card while its code or its answer loads: its title over a body of about its height.
 *
 * @internal
 */
export function SloCardPlaceholder() {
  const { t } = useTranslationRef(opsdeckTranslationRef);
  return (
    <InfoCard title={t('sloCard.title')} subheader={'\u00a0'}>
      <div style={{ minHeight: MIN_HEIGHT }} aria-busy="true">
        <Progress />
      </div>
    </InfoCard>
  );
}

const Card = lazy(() =>
  import('./EntityOpsDeckSloCard').then(
    m => ({ default: m.EntityOpsDeckSloCard }),
    error => {
      throw new ForwardedError(
        'Failed loading the OpsDeck SLO card, try to reload the page',
        error,
      );
    },
  ),
);

/**
 * The SLO card, its code loaded when it first renders (like the other cards' `lazyCard`), its
 * placeholder holding its place meanwhile.
 *
 * @internal
 */
export function SloCardShell() {
  return (
    <Suspense fallback={<SloCardPlaceholder />}>
      <Card />
    </Suspense>
  );
}
