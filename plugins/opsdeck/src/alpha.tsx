/**
 * OpsDeck for Backstage's new frontend system: the same cards, tabs and page as the legacy
 * exports, as extensions.
 *
 * @packageDocumentation
 */
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { ReactNode } from 'react';
import { opsDeckApiRef } from './api/OpsDeckApi';
import { OpsDeckClient } from './api/OpsDeckClient';
import { DoraCardShell } from './components/EntityOpsDeckDoraCard/DoraCardShell';
import { SloCardShell } from './components/EntityOpsDeckSloCard/SloCardShell';
import {
  isOpsDeckAvailable,
  isOpsDeckDoraAvailable,
  isOpsDeckTeamAvailable,
} from './predicates';
import {
  adminRouteRef,
  glossaryRouteRef,
  onboardingRouteRef,
  platformRouteRef,
  rootRouteRef,
  viewTechDocRouteRef,
  createComponentRouteRef,
  createFromTemplateRouteRef,
} from './routes';
import { homeMessages } from './translations/homeMessages';

export { opsdeckTranslationRef } from './translation';

/** @alpha */
export const opsDeckApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: opsDeckApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsDeckClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const opsDeckOwnershipEntityCard = EntityCardBlueprint.make({
  name: 'ownership',
  params: {
    filter: isOpsDeckAvailable,
    loader: () =>
      import('./components/EntityOpsDeckOwnershipCard').then(m =>
        compatWrapper(<m.EntityOpsDeckOwnershipCard />),
      ),
  },
});

/** @alpha */
export const opsDeckDoraEntityCard = EntityCardBlueprint.make({
  name: 'dora',
  params: {
    filter: isOpsDeckDoraAvailable,
    // The same shell as the legacy card: it asks for the numbers while the card's code loads.
    loader: async () => compatWrapper(<DoraCardShell />),
  },
});

/**
 * Entity card: a Component's SLOs, error budgets and burn rates (Components only).
 *
 * @alpha
 */
export const opsDeckSloEntityCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    filter: isOpsDeckDoraAvailable,
    // The same shell as the legacy card, which loads the card's code.
    loader: async () => compatWrapper(<SloCardShell />),
  },
});

/** @alpha */
export const opsDeckLinksEntityCard = EntityCardBlueprint.make({
  name: 'links',
  params: {
    filter: isOpsDeckAvailable,
    loader: () =>
      import('./components/EntityOpsDeckLinksCard').then(m =>
        compatWrapper(<m.EntityOpsDeckLinksCard />),
      ),
  },
});

/** @alpha */
export const opsDeckCoverageEntityCard = EntityCardBlueprint.make({
  name: 'coverage',
  params: {
    filter: isOpsDeckAvailable,
    loader: () =>
      import('./components/EntityOpsDeckCoverageCard').then(m =>
        compatWrapper(<m.EntityOpsDeckCoverageCard />),
      ),
  },
});

/** @alpha */
export const opsDeckDeliveryEntityContent = EntityContentBlueprint.make({
  name: 'delivery',
  params: {
    path: 'delivery',
    title: 'Delivery',
    filter: isOpsDeckDoraAvailable,
    loader: () =>
      import('./components/EntityOpsDeckDeliveryContent').then(m =>
        compatWrapper(<m.EntityOpsDeckDeliveryContent />),
      ),
  },
});

/** @alpha */
export const opsDeckTeamEntityContent = EntityContentBlueprint.make({
  name: 'operations',
  params: {
    path: 'operations',
    title: 'Operations',
    filter: isOpsDeckTeamAvailable,
    loader: () =>
      import('./components/EntityOpsDeckTeamContent').then(m =>
        compatWrapper(<m.EntityOpsDeckTeamContent />),
      ),
  },
});

/** @alpha */
export const opsDeckOrgPage = PageBlueprint.make({
  params: {
    path: '/opsdeck',
    title: 'Delivery & operations',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/OpsDeckOrgPage').then(m =>
        compatWrapper(<m.OpsDeckOrgPage />),
      ),
  },
});

/** @alpha */
export const opsDeckPlatformPage = PageBlueprint.make({
  name: 'platform',
  params: {
    path: '/platform',
    title: 'Platform',
    routeRef: convertLegacyRouteRef(platformRouteRef),
    loader: () =>
      import('./components/OpsDeckPlatformPage').then(m =>
        compatWrapper(<m.OpsDeckPlatformPage />),
      ),
  },
});

/** @alpha */
export const opsDeckOnboardingPage = PageBlueprint.make({
  name: 'onboarding',
  params: {
    path: '/onboarding',
    title: 'Onboarding',
    routeRef: convertLegacyRouteRef(onboardingRouteRef),
    loader: () =>
      import('./components/OpsDeckOnboardingPage').then(m =>
        compatWrapper(<m.OpsDeckOnboardingPage />),
      ),
  },
});

/** @alpha */
export const opsDeckGlossaryPage = PageBlueprint.make({
  name: 'glossary',
  params: {
    path: '/opsdeck/glossary',
    title: 'Glossary',
    routeRef: convertLegacyRouteRef(glossaryRouteRef),
    loader: () =>
      import('./components/OpsDeckGlossaryPage').then(m =>
        compatWrapper(<m.OpsDeckGlossaryPage />),
      ),
  },
});

/**
 * The administration page at `/opsdeck/admin`: backfill runs with their progress, and starting
 * one (holders of `opsdeck.admin`; anyone else reads which permission it needs).
 *
 * @alpha
 */
export const opsDeckAdminPage = PageBlueprint.make({
  name: 'admin',
  params: {
    path: '/opsdeck/admin',
    title: 'OpsDeck administration',
    routeRef: convertLegacyRouteRef(adminRouteRef),
    loader: () =>
      import('./components/OpsDeckAdminPage').then(m =>
        compatWrapper(<m.OpsDeckAdminPage />),
      ),
  },
});

/**
 * Home page widget "My services": the signed-in user's teams' services, who is on call now and
 * their DORA tiers.
 *
 * @alpha
 */
export const opsDeckMyServicesHomeWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    name: 'OpsDeckMyServices',
    title: homeMessages.home.myServices.title,
    description:
      'Your teams’ services: who is on call now and their DORA tiers.',
    components: () =>
      import('./components/home').then(m => ({
        Content: () => compatWrapper(<m.MyServicesContent />),
      })),
  },
});

/**
 * Home page widget "My next shift": the signed-in user's on-call shift now or next.
 *
 * @alpha
 */
export const opsDeckNextShiftHomeWidget = HomePageWidgetBlueprint.make({
  name: 'next-shift',
  params: {
    name: 'OpsDeckNextShift',
    title: homeMessages.home.nextShift.title,
    description: 'Your on-call shift now, or your next one.',
    components: () =>
      import('./components/home').then(m => ({
        Content: () => compatWrapper(<m.NextShiftContent />),
      })),
  },
});

/**
 * Home page widget "Open incidents on my services".
 *
 * @alpha
 */
export const opsDeckOpenIncidentsHomeWidget = HomePageWidgetBlueprint.make({
  name: 'open-incidents',
  params: {
    name: 'OpsDeckOpenIncidents',
    title: homeMessages.home.incidents.title,
    description: 'Open incidents on your teams’ services.',
    components: () =>
      import('./components/home').then(m => ({
        Content: () => compatWrapper(<m.OpenIncidentsContent />),
      })),
  },
});

/**
 * Home page widget "Onboarding": progress and a pointer, shown while a step is left to do.
 *
 * @alpha
 */
export const opsDeckOnboardingHomeWidget = HomePageWidgetBlueprint.make({
  name: 'onboarding',
  params: {
    name: 'OpsDeckOnboarding',
    title: homeMessages.home.onboarding.title,
    description: 'Your onboarding progress, while a step is left to do.',
    components: () =>
      import('./components/home').then(m => ({
        Content: () => compatWrapper(<m.OnboardingContent />),
        ContextProvider: (props: { children?: ReactNode }) =>
          compatWrapper(
            <m.OnboardingCardGate>{props.children}</m.OnboardingCardGate>,
          ),
      })),
  },
});

/**
 * The OpsDeck frontend plugin for the new frontend system. Its texts come from
 * {@link opsdeckTranslationRef}; this version of the frontend system has no `translations`
 * option on plugins, so an app that rewords or translates them adds its messages through the
 * app's translation extensions.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'opsdeck',
  title: 'OpsDeck',
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    platform: convertLegacyRouteRef(platformRouteRef),
    onboarding: convertLegacyRouteRef(onboardingRouteRef),
    glossary: convertLegacyRouteRef(glossaryRouteRef),
    admin: convertLegacyRouteRef(adminRouteRef),
  },
  externalRoutes: {
    viewTechDoc: convertLegacyRouteRef(viewTechDocRouteRef),
    createFromTemplate: convertLegacyRouteRef(createFromTemplateRouteRef),
    createComponent: convertLegacyRouteRef(createComponentRouteRef),
  },
  extensions: [
    opsDeckApi,
    opsDeckOwnershipEntityCard,
    opsDeckDoraEntityCard,
    opsDeckSloEntityCard,
    opsDeckLinksEntityCard,
    opsDeckCoverageEntityCard,
    opsDeckDeliveryEntityContent,
    opsDeckTeamEntityContent,
    opsDeckOrgPage,
    opsDeckPlatformPage,
    opsDeckOnboardingPage,
    opsDeckGlossaryPage,
    opsDeckAdminPage,
    opsDeckMyServicesHomeWidget,
    opsDeckNextShiftHomeWidget,
    opsDeckOpenIncidentsHomeWidget,
    opsDeckOnboardingHomeWidget,
  ],
});
