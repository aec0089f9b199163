/**
 * OpsDeck for Backstage: ownership, on-call, DORA, SLOs and error budgets, platform links and
 * integration coverage on every service page; a team Operations tab and an org overview.
 *
 * @packageDocumentation
 */
export {
  opsdeckPlugin,
  EntityOpsDeckCoverageCard,
  EntityOpsDeckOwnershipCard,
  EntityOpsDeckDoraCard,
  EntityOpsDeckSloCard,
  EntityOpsDeckLinksCard,
  EntityOpsDeckDeliveryContent,
  EntityOpsDeckTeamContent,
  OpsDeckOrgPage,
  OpsDeckPlatformPage,
  OpsDeckOnboardingPage,
  OpsDeckGlossaryPage,
  OpsDeckAdminPage,
  OpsDeckMyServicesCard,
  OpsDeckNextShiftCard,
  OpsDeckOpenIncidentsCard,
  OpsDeckOnboardingCard,
} from './plugin';
export {
  isOpsDeckAvailable,
  isOpsDeckDoraAvailable,
  isOpsDeckTeamAvailable,
} from './predicates';
export {
  rootRouteRef as opsdeckRootRouteRef,
  platformRouteRef as opsdeckPlatformRouteRef,
  onboardingRouteRef as opsdeckOnboardingRouteRef,
  glossaryRouteRef as opsdeckGlossaryRouteRef,
  adminRouteRef as opsdeckAdminRouteRef,
  viewTechDocRouteRef as opsdeckViewTechDocRouteRef,
} from './routes';
export { opsDeckApiRef } from './api/OpsDeckApi';
export type {
  OpsDeckApi,
  OpsDeckWindow,
  OpsDeckGroupQuery,
  OpsDeckBackfillRun,
  OpsDeckBackfillSource,
} from './api/OpsDeckApi';
export { OpsDeckClient } from './api/OpsDeckClient';
