import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The org overview page (`/opsdeck` in the demo app).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'opsdeck' });

/**
 * The platform page (`/platform` in the demo app).
 *
 * @public
 */
export const platformRouteRef = createRouteRef({ id: 'opsdeck-platform' });

/**
 * The onboarding page (`/onboarding` in the demo app).
 *
 * @public
 */
export const onboardingRouteRef = createRouteRef({ id: 'opsdeck-onboarding' });

/**
 * The glossary page (`/opsdeck/glossary` in the demo app): what each metric, tier and word
 * means. Cards link their terms into it.
 *
 * @public
 */
export const glossaryRouteRef = createRouteRef({ id: 'opsdeck-glossary' });
