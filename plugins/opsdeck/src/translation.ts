import {
  createTranslationRef,
  TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { adminMessages } from './translations/adminMessages';
import { doraMessages } from './translations/doraMessages';
import { entityMessages } from './translations/entityMessages';
import { glossaryMessages } from './translations/glossaryMessages';
import { homeMessages } from './translations/homeMessages';
import { onboardingMessages } from './translations/onboardingMessages';
import { pageMessages } from './translations/pageMessages';
import { sloMessages } from './translations/sloMessages';
import { sloViewsMessages } from './translations/sloViewsMessages';
import { timelineMessages } from './translations/timelineMessages';

/**
 * Every text OpsDeck's pages and cards show, in English. An app translates or rewords them with
 * `createTranslationMessages({ ref: opsdeckTranslationRef, messages: { … } })` (or a
 * `createTranslationResource` per language). Counts use i18next plurals (`_one`, `_other`);
 * numbers and dates are formatted with `Intl` before they are put into a message.
 *
 * @alpha
 */
export const opsdeckTranslationRef = createTranslationRef({
  id: 'opsdeck',
  messages: {
    ...doraMessages,
    ...entityMessages,
    ...timelineMessages,
    ...pageMessages,
    ...glossaryMessages,
    ...onboardingMessages,
    ...homeMessages,
    ...sloMessages,
    ...sloViewsMessages,
    ...adminMessages,
  },
});

/**
 * The translation function of {@link opsdeckTranslationRef}, as `useTranslationRef` gives it.
 *
 * @internal
 */
export type OpsDeckT = TranslationFunction<typeof opsdeckTranslationRef.T>;
