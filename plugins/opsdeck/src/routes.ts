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
