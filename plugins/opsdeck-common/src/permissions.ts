import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read team and organisation DORA rollups (`GET /groups/…/dora`, `GET /org/dora`).
 *
 * @public
 */
export const opsdeckRollupReadPermission = createPermission({
  name: 'opsdeck.rollup.read',
  attributes: { action: 'read' },
});

/**
 * Send deployment and incident events to `POST /events`. Service principals only: restrict
 * external callers with `backend.auth.externalAccess[].accessRestrictions`.
 *
 * @public
 */
export const opsdeckEventsCreatePermission = createPermission({
  name: 'opsdeck.events.create',
  attributes: { action: 'create' },
});

/**
 * Administer OpsDeck: inspect raw deliveries, rebuild rollups, delete events.
 *
 * @public
 */
export const opsdeckAdminPermission = createPermission({
  name: 'opsdeck.admin',
  attributes: {},
});

/**
 * Every permission OpsDeck defines, for registration with the permissions registry.
 *
 * @public
 */
export const opsdeckPermissions = [
  opsdeckRollupReadPermission,
  opsdeckEventsCreatePermission,
  opsdeckAdminPermission,
];
