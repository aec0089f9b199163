import type { CardShape } from './CardStates';

// Placeholder heights: about each card's usual loaded height on the demo's services (Owner &
// on-call 342–430 px, DORA 621 px, Platform links 181–851 px, coverage 686–866 px), so the
// placeholder and the card differ by little. They live here, not next to the cards, because
// the plugin's entry point needs them without loading the cards' code.

/** @internal */
export const OWNERSHIP_CARD: CardShape = {
  titleKey: 'ownership',
  minHeight: 300,
};

/** @internal */
export const DORA_CARD: CardShape = {
  titleKey: 'dora',
  subheader: true,
  minHeight: 488,
};

/** @internal */
export const LINKS_CARD: CardShape = {
  titleKey: 'links',
  minHeight: 180,
};

/** @internal */
export const COVERAGE_CARD: CardShape = {
  titleKey: 'coverage',
  subheader: true,
  minHeight: 620,
};

/** @internal About the loaded card's height with one SLO of one objective. */
export const SLO_CARD: CardShape = {
  titleKey: 'slo',
  subheader: true,
  minHeight: 360,
};
