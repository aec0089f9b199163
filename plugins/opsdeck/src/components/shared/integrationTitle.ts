import { OpsDeckT } from '../../translation';

const KNOWN = [
  'owner',
  'oncall',
  'deployments',
  'incidents',
  'ci',
  'observability',
  'docs',
  'kubernetes',
] as const;

/**
 * An integration's name: OpsDeck's own for the ones it knows, else the backend's.
 *
 * @internal
 */
export function integrationTitle(
  item: { id: string; title: string },
  t: OpsDeckT,
): string {
  return (KNOWN as readonly string[]).includes(item.id)
    ? t(`coverage.integrations.${item.id as (typeof KNOWN)[number]}`)
    : item.title;
}
