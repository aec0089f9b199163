import { Entity } from '@backstage/catalog-model';

const KINDS = new Set(['component', 'system', 'resource', 'api']);

/**
 * Whether OpsDeck's entity cards apply to this entity (Components, Systems, Resources, APIs).
 * For `EntitySwitch.Case if={isOpsDeckAvailable}`.
 *
 * @public
 */
export function isOpsDeckAvailable(entity: Entity): boolean {
  return KINDS.has(entity.kind.toLocaleLowerCase('en-US'));
}
