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
 * Approve or reject access requests of a platform domain. The backend also requires the caller
 * to be a member of the domain's owning team; a policy can restrict it further.
 *
 * @public
 */
export const opsdeckAccessRequestDecidePermission = createPermission({
  name: 'opsdeck.access-request.decide',
  attributes: { action: 'update' },
});

/**
 * Read a Component's error-budget gate (`GET /entities/…/slo/gate`), the answer a CI pipeline
 * asks before it deploys. Give a pipeline's external-access token only this permission
 * (`backend.auth.externalAccess[].accessRestrictions`).
 *
 * @public
 */
export const opsdeckSloGateReadPermission = createPermission({
  name: 'opsdeck.slo.gate.read',
  attributes: { action: 'read' },
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
  opsdeckAccessRequestDecidePermission,
  opsdeckSloGateReadPermission,
];
