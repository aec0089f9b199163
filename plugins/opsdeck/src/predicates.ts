import { Entity } from '@backstage/catalog-model';

const KINDS = new Set(['component', 'system', 'resource', 'api']);
const kindOf = (entity: Entity) => entity.kind.toLocaleLowerCase('en-US');

/**
 * Whether OpsDeck's ownership, links and coverage cards apply to this entity (Components,
 * Systems, Resources, APIs). For `EntitySwitch.Case if={isOpsDeckAvailable}`.
 *
 * @public
 */
export function isOpsDeckAvailable(entity: Entity): boolean {
  return KINDS.has(kindOf(entity));
}

/**
 * Whether OpsDeck computes DORA for this entity: Components (the DORA card, the Delivery tab).
 *
 * @public
 */
export function isOpsDeckDoraAvailable(entity: Entity): boolean {
  return kindOf(entity) === 'component';
}

/**
 * Whether the team Operations tab applies: Groups.
 *
 * @public
 */
export function isOpsDeckTeamAvailable(entity: Entity): boolean {
  return kindOf(entity) === 'group';
}
