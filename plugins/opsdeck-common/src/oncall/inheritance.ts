import { ANNOTATIONS } from '../annotations';

/**
 * The annotations that say who is on call, in priority order (first present wins on an entity).
 *
 * @public
 */
export const ONCALL_ANNOTATIONS: readonly string[] = [
  ANNOTATIONS.pagerDutyServiceId,
  ANNOTATIONS.pagerDutyIntegrationKey,
  ANNOTATIONS.opsgenieTeam,
  ANNOTATIONS.oncallRotation,
];

/**
 * Where an on-call answer came from: the entity's own annotation, its System, its owning
 * Group, or one of that group's ancestors.
 *
 * @public
 */
export type OnCallOrigin = 'own' | 'system' | 'group' | 'ancestor';

/** An entity as the inheritance needs it. @public */
export interface OnCallCandidate {
  /** Entity ref, e.g. `group:default/payments`. */
  entityRef: string;
  /** Its `metadata.annotations`. */
  annotations?: Record<string, string>;
}

/**
 * The on-call annotation an entity uses, and where it came from.
 *
 * @public
 */
export interface OnCallSourceChoice {
  /** The on-call annotation key used. */
  annotation: string;
  /** Its value (a service id, a team, a rotation's JSON). */
  value: string;
  /** Which entity of the chain carried it. */
  origin: OnCallOrigin;
  /** The entity that carries the annotation. */
  entityRef: string;
}

/**
 * Picks the on-call annotation by DESIGN's inheritance order: own annotation → System →
 * owning Group → its ancestors (nearest first); the first entity with any on-call annotation
 * wins, and on it the first annotation of `options.annotations` (default
 * {@link ONCALL_ANNOTATIONS}; the backend adds those its installed providers declare). Blank
 * values are ignored.
 *
 * @public
 */
export function chooseOnCallSource(
  chain: {
    own: OnCallCandidate;
    system?: OnCallCandidate;
    group?: OnCallCandidate;
    /** The owning group's parent, its parent, … */
    ancestors?: OnCallCandidate[];
  },
  options: {
    /** Skip the chain up to and including this entity (a rotation escalating to its parent). */
    after?: string;
    /** The on-call annotation keys, in priority order; default {@link ONCALL_ANNOTATIONS}. */
    annotations?: readonly string[];
  } = {},
): OnCallSourceChoice | undefined {
  const ordered: Array<[OnCallOrigin, OnCallCandidate | undefined]> = [
    ['own', chain.own],
    ['system', chain.system],
    ['group', chain.group],
    ...(chain.ancestors ?? []).map(
      a => ['ancestor', a] as [OnCallOrigin, OnCallCandidate],
    ),
  ];
  const start = options.after
    ? ordered.findIndex(([, c]) => c?.entityRef === options.after) + 1
    : 0;
  if (options.after && start === 0) return undefined;
  for (const [origin, candidate] of ordered.slice(start)) {
    if (!candidate) continue;
    for (const annotation of options.annotations ?? ONCALL_ANNOTATIONS) {
      const value = candidate.annotations?.[annotation]?.trim();
      if (value) {
        return { annotation, value, origin, entityRef: candidate.entityRef };
      }
    }
  }
  return undefined;
}
