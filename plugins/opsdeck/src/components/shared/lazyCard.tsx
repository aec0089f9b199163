import { ForwardedError } from '@backstage/errors';
import { ComponentType, lazy, Suspense } from 'react';
import { CardPlaceholder, CardShape } from './CardStates';

/**
 * An entity card whose code loads when it first renders, behind its own Suspense boundary that
 * shows the card's placeholder meanwhile. Without it the card is Backstage's 4 px progress bar
 * until its code arrives, and the cards below it move when it does.
 *
 * @internal
 */
export function lazyCard<T extends (props: any) => JSX.Element | null>(
  load: () => Promise<T>,
  shape: CardShape,
): T {
  const Card: ComponentType<any> = lazy(() =>
    load().then(
      component => ({ default: component }),
      error => {
        throw new ForwardedError(
          `Failed loading the OpsDeck ${shape.titleKey} card, try to reload the page`,
          error,
        );
      },
    ),
  );
  // Typed as the card itself: same props, same call signature for `createComponentExtension`.
  const LazyCard = (props: Parameters<T>[0]) => (
    <Suspense fallback={<CardPlaceholder shape={shape} />}>
      <Card {...props} />
    </Suspense>
  );
  return LazyCard as T;
}
