import { lazyCard } from '../shared/lazyCard';
import { SLO_CARD } from '../shared/cardShapes';

/**
 * The SLO card, its code loaded when it first renders, its placeholder (title over a body of
 * about its height) holding its place meanwhile.
 *
 * @internal
 */
export const SloCardShell = lazyCard(
  () => import('./EntityOpsDeckSloCard').then(m => m.EntityOpsDeckSloCard),
  SLO_CARD,
);
