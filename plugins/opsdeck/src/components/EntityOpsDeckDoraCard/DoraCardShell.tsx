import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ComponentProps, lazy, Suspense, useEffect } from 'react';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { prefetchEntityDora } from './prefetch';

// Fetched as the app starts (this shell is in the app bundle), rendered lazily.
const cardModule = import('./EntityOpsDeckDoraCard');
const LazyCard = lazy(() =>
  cardModule.then(m => ({ default: m.EntityOpsDeckDoraCard })),
);

/**
 * Asks for the entity's DORA numbers as soon as the entity page renders, then shows the card
 * when its code is there — in the same pass as the catalog's own lazy cards, so nothing above it
 * pushes it down (P7: time to numbers; CLS).
 *
 * @internal
 */
export function DoraCardShell(
  props: ComponentProps<
    typeof import('./EntityOpsDeckDoraCard').EntityOpsDeckDoraCard
  >,
) {
  const { entity } = useEntity();
  const api = useApi(opsDeckApiRef);
  const ref = getCompoundEntityRef(entity);
  useEffect(
    () => prefetchEntityDora(api, ref),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ref.kind, ref.namespace, ref.name],
  );
  return (
    <Suspense fallback={null}>
      <LazyCard {...props} />
    </Suspense>
  );
}
