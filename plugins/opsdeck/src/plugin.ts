import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  CardExtensionProps,
  createCardExtension,
} from '@backstage/plugin-home-react';
import { opsDeckApiRef } from './api/OpsDeckApi';
import { OpsDeckClient } from './api/OpsDeckClient';
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
import { DoraCardShell } from './components/EntityOpsDeckDoraCard/DoraCardShell';
import { SloCardShell } from './components/EntityOpsDeckSloCard/SloCardShell';
import { lazyCard } from './components/shared/lazyCard';
import {
  COVERAGE_CARD,
  LINKS_CARD,
  OWNERSHIP_CARD,
} from './components/shared/cardShapes';
import { homeMessages } from './translations/homeMessages';

/**
 * The OpsDeck frontend plugin.
 *
 * @public
 */
export const opsdeckPlugin = createPlugin({
  id: 'opsdeck',
  apis: [
    createApiFactory({
      api: opsDeckApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsDeckClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    platform: platformRouteRef,
    onboarding: onboardingRouteRef,
    glossary: glossaryRouteRef,
    admin: adminRouteRef,
  },
  externalRoutes: {
    viewTechDoc: viewTechDocRouteRef,
    createFromTemplate: createFromTemplateRouteRef,
    createComponent: createComponentRouteRef,
  },
});

/**
 * Entity card: which OpsDeck integrations the entity has and how to add the missing ones.
 * Use it on Component, System and Resource pages.
 *
 * @public
 */
export const EntityOpsDeckCoverageCard: () => JSX.Element =
  opsdeckPlugin.provide(
    createComponentExtension({
      name: 'EntityOpsDeckCoverageCard',
      component: {
        sync: lazyCard(
          () =>
            import('./components/EntityOpsDeckCoverageCard').then(
              m => m.EntityOpsDeckCoverageCard,
            ),
          COVERAGE_CARD,
        ),
      },
    }),
  );

/**
 * Entity card: the owning team, its contacts, members and parents, and who is on call now per
 * escalation level (and next).
 *
 * @public
 */
export const EntityOpsDeckOwnershipCard: () => JSX.Element =
  opsdeckPlugin.provide(
    createComponentExtension({
      name: 'EntityOpsDeckOwnershipCard',
      component: {
        sync: lazyCard(
          () =>
            import('./components/EntityOpsDeckOwnershipCard').then(
              m => m.EntityOpsDeckOwnershipCard,
            ),
          OWNERSHIP_CARD,
        ),
      },
    }),
  );

/**
 * Entity card: the five DORA metrics and MTTR with tiers, change against the previous window,
 * and what weak metrics usually mean. For Components.
 *
 * @public
 */
export const EntityOpsDeckDoraCard: (props: {
  deliveryPath?: string;
}) => JSX.Element = opsdeckPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsDeckDoraCard',
    // A small shell in the app bundle starts the request when the entity page renders; the
    // card itself stays lazy (see DoraCardShell).
    component: { sync: DoraCardShell },
  }),
);

/**
 * Entity card: a Component's SLOs from the OpenSLO files its `opsdeck.io/openslo` annotation
 * names — per objective the SLI, the error budget left, the burn-rate status and rates, when the
 * budget runs out, a link to the graph and the queries behind each number; without the
 * annotation, what to add. For Components.
 *
 * @public
 */
export const EntityOpsDeckSloCard: () => JSX.Element = opsdeckPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsDeckSloCard',
    // Loads the card's code when it first renders, its placeholder holding its place.
    component: { sync: SloCardShell },
  }),
);

/**
 * Entity card: links into CI/CD, observability, cloud and runtime, docs and chat, grouped.
 *
 * @public
 */
export const EntityOpsDeckLinksCard: () => JSX.Element = opsdeckPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsDeckLinksCard',
    component: {
      sync: lazyCard(
        () =>
          import('./components/EntityOpsDeckLinksCard').then(
            m => m.EntityOpsDeckLinksCard,
          ),
        LINKS_CARD,
      ),
    },
  }),
);

/**
 * Entity tab content for Components: trends per metric, a 30/90/180-day window, and the
 * timeline of deployments, rollbacks and incidents behind the numbers.
 *
 * @public
 */
export const EntityOpsDeckDeliveryContent: () => JSX.Element =
  opsdeckPlugin.provide(
    createComponentExtension({
      name: 'EntityOpsDeckDeliveryContent',
      component: {
        lazy: () =>
          import('./components/EntityOpsDeckDeliveryContent').then(
            m => m.EntityOpsDeckDeliveryContent,
          ),
      },
    }),
  );

/**
 * Entity tab content for Groups (the Operations tab): team DORA rollup, rotation, and the
 * table of the team's services.
 *
 * @public
 */
export const EntityOpsDeckTeamContent: () => JSX.Element =
  opsdeckPlugin.provide(
    createComponentExtension({
      name: 'EntityOpsDeckTeamContent',
      component: {
        lazy: () =>
          import('./components/EntityOpsDeckTeamContent').then(
            m => m.EntityOpsDeckTeamContent,
          ),
      },
    }),
  );

/**
 * The org overview page: organisation DORA, tiers across services, coverage gaps.
 *
 * @public
 */
export const OpsDeckOrgPage: () => JSX.Element = opsdeckPlugin.provide(
  createRoutableExtension({
    name: 'OpsDeckOrgPage',
    component: () =>
      import('./components/OpsDeckOrgPage').then(m => m.OpsDeckOrgPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The platform page: the platform team's domains, who owns and runs them, what they offer and
 * their golden paths.
 *
 * @public
 */
export const OpsDeckPlatformPage: () => JSX.Element = opsdeckPlugin.provide(
  createRoutableExtension({
    name: 'OpsDeckPlatformPage',
    component: () =>
      import('./components/OpsDeckPlatformPage').then(
        m => m.OpsDeckPlatformPage,
      ),
    mountPoint: platformRouteRef,
  }),
);

/**
 * The onboarding page: a new hire's checklist, team, services, next on-call shifts, relevant
 * platform domains and golden paths, and people to ask.
 *
 * @public
 */
export const OpsDeckOnboardingPage: () => JSX.Element = opsdeckPlugin.provide(
  createRoutableExtension({
    name: 'OpsDeckOnboardingPage',
    component: () =>
      import('./components/OpsDeckOnboardingPage').then(
        m => m.OpsDeckOnboardingPage,
      ),
    mountPoint: onboardingRouteRef,
  }),
);

/**
 * The glossary page: each DORA metric and MTTR in plain words, the tiers with their thresholds
 * under each benchmark set, and the words the cards use. The cards' terms link into it; mount it
 * at `/opsdeck/glossary`.
 *
 * @public
 */
export const OpsDeckGlossaryPage: () => JSX.Element = opsdeckPlugin.provide(
  createRoutableExtension({
    name: 'OpsDeckGlossaryPage',
    component: () =>
      import('./components/OpsDeckGlossaryPage').then(
        m => m.OpsDeckGlossaryPage,
      ),
    mountPoint: glossaryRouteRef,
  }),
);

/**
 * The administration page: recent backfill runs with their progress (polled while one runs),
 * and a form to start one. Holders of `opsdeck.admin` use it; anyone else reads which permission
 * it needs. Mount it at `/opsdeck/admin`; the org page then links to it for admins.
 *
 * @public
 */
export const OpsDeckAdminPage: () => JSX.Element = opsdeckPlugin.provide(
  createRoutableExtension({
    name: 'OpsDeckAdminPage',
    component: () =>
      import('./components/OpsDeckAdminPage').then(m => m.OpsDeckAdminPage),
    mountPoint: adminRouteRef,
  }),
);

const homeTitles = homeMessages.home;

/**
 * Home page card "My services": the signed-in user's teams' services, who is on call for each
 * now ("you" when it is them) and their DORA tiers for deployment frequency, lead time and
 * change fail rate. Its title is `title` when given.
 *
 * @public
 */
export const OpsDeckMyServicesCard: (
  props: CardExtensionProps<{}>,
) => JSX.Element = opsdeckPlugin.provide(
  createCardExtension<{}>({
    name: 'OpsDeckMyServicesCard',
    title: homeTitles.myServices.title,
    components: () =>
      import('./components/home').then(m => ({
        Content: m.MyServicesContent,
      })),
  }),
);

/**
 * Home page card "My next shift": the signed-in user's on-call shift now, or their next one
 * within 30 days, in words.
 *
 * @public
 */
export const OpsDeckNextShiftCard: (
  props: CardExtensionProps<{}>,
) => JSX.Element = opsdeckPlugin.provide(
  createCardExtension<{}>({
    name: 'OpsDeckNextShiftCard',
    title: homeTitles.nextShift.title,
    components: () =>
      import('./components/home').then(m => ({
        Content: m.NextShiftContent,
      })),
  }),
);

/**
 * Home page card "Open incidents on my services": the open incidents the on-call tool reports
 * for the signed-in user's teams' services.
 *
 * @public
 */
export const OpsDeckOpenIncidentsCard: (
  props: CardExtensionProps<{}>,
) => JSX.Element = opsdeckPlugin.provide(
  createCardExtension<{}>({
    name: 'OpsDeckOpenIncidentsCard',
    title: homeTitles.incidents.title,
    components: () =>
      import('./components/home').then(m => ({
        Content: m.OpenIncidentsContent,
      })),
  }),
);

/**
 * Home page card "Onboarding": progress through the onboarding quests and a link to the
 * onboarding page, shown only while a step is left to do.
 *
 * @public
 */
export const OpsDeckOnboardingCard: (
  props: CardExtensionProps<{}>,
) => JSX.Element = opsdeckPlugin.provide(
  createCardExtension<{}>({
    name: 'OpsDeckOnboardingCard',
    title: homeTitles.onboarding.title,
    components: () =>
      import('./components/home').then(m => ({
        Content: m.OnboardingContent,
        ContextProvider: m.OnboardingCardGate,
      })),
  }),
);
