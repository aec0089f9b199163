/**
 * OpsDeck for Backstage: ownership, on-call, DORA and integration coverage on every service page.
 *
 * @packageDocumentation
 */
export { opsdeckPlugin, EntityOpsDeckCoverageCard } from './plugin';
export { isOpsDeckAvailable } from './predicates';
export { opsDeckApiRef } from './api/OpsDeckApi';
export type { OpsDeckApi } from './api/OpsDeckApi';
export { OpsDeckClient } from './api/OpsDeckClient';
