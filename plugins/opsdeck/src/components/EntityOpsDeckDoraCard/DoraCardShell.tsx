import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ComponentProps, useEffect } from 'react';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { DORA_CARD } from '../shared/cardShapes';
import { lazyCard } from '../shared/lazyCard';
import { prefetchEntityDora } from './prefetch';

// The card's code loads when the page first renders it, like the catalog's own cards; its
// placeholder holds the card's place meanwhile.
const LazyCard = lazyCard(
  () => import('./EntityOpsDeckDoraCard').then(m => m.EntityOpsDeckDoraCard),
  DORA_CARD,
);

/**
 * Asks for the entity's DORA numbers as soon as the entity page renders, while the card's code
 * loads (P7: time to numbers), and shows the card when its code is there.
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
  return <LazyCard {...props} />;
}
