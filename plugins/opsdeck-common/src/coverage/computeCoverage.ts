import { ANNOTATIONS, ANNOTATION_PREFIXES } from '../annotations';
import {
  COVERAGE_INTEGRATIONS,
  CoverageIntegration,
  CoverageIntegrationId,
} from './integrations';

/**
 * The parts of a catalog entity coverage looks at (a structural subset of `Entity`, so this
 * package needs no catalog-model dependency).
 *
 * @public
 */
export interface CoverageEntityInput {
  /** Entity kind, any casing. */
  kind: string;
  /** Annotations and links are what coverage reads. */
  metadata: {
    title?: string;
    annotations?: Record<string, string>;
    links?: Array<{ url: string; title?: string; type?: string }>;
  };
  /** `spec.owner` decides the owner integration. */
  spec?: Record<string, unknown>;
}

/**
 * What coverage knows beyond the entity itself, so it agrees with the cards: on-call inherited
 * from the entity's System, owning Group or an ancestor group counts as on-call, and events that
 * arrived for the Component through any identity count as deployments or incidents.
 *
 * @public
 */
export interface CoverageContext {
  /** The entity the on-call is inherited from, when the entity names none itself. */
  onCallFrom?: string;
  /** Whether deployments and incidents have arrived for the Component, from any source. */
  received?: { deployments: boolean; incidents: boolean };
  /**
   * Annotation keys installed modules declare (an on-call provider's, a webhook source's), per
   * integration they satisfy, beyond the built-in ones.
   */
  moduleAnnotations?: Partial<Record<CoverageIntegrationId, readonly string[]>>;
}

/**
 * Evidence that on-call is inherited: `inherited:<entity ref>`.
 *
 * @public
 */
export const INHERITED_EVIDENCE_PREFIX = 'inherited:';

/**
 * Evidence that events arrived for the Component whichever identity they named.
 *
 * @public
 */
export const RECEIVED_EVIDENCE = 'events-received';

/**
 * One integration's state on one entity.
 *
 * @public
 */
export interface CoverageItem {
  /** Which integration. */
  id: CoverageIntegrationId;
  /** Its name as the card shows it. */
  title: string;
  /** Whether it applies to this entity's kind (deployments do not apply to a System). */
  applicable: boolean;
  /** Whether the entity has it. */
  present: boolean;
  /**
   * What made it present: annotation keys, `spec.owner`, `metadata.links`,
   * `inherited:<entity ref>` (on-call) or `events-received` (deployments, incidents).
   */
  evidence: string[];
  /** What to add when it is missing (absent when present or not applicable). */
  fix?: string;
}

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/coverage`.
 *
 * @public
 */
export interface EntityCoverage {
  /** The entity, as a full entity ref. */
  entityRef: string;
  /** Its `metadata.title`, when set. */
  title?: string;
  /** Every integration, in the card's order. */
  items: CoverageItem[];
  /** How many applicable integrations are present. */
  present: number;
  /** How many integrations apply to this entity's kind. */
  applicable: number;
  /** present ÷ applicable, 0–100 rounded down; null when nothing applies. */
  percent: number | null;
  /** The OpsDeck-relevant annotations the entity carries, key → value. */
  annotations: Record<string, string>;
}

/**
 * present ÷ applicable as a whole percentage, rounded down; null when nothing applies.
 *
 * @public
 */
export function coveragePercent(
  present: number,
  applicable: number,
): number | null {
  return applicable ? Math.floor((present * 100) / applicable) : null;
}

const RELEVANT_KEYS = new Set<string>(Object.values(ANNOTATIONS));

/**
 * Whether OpsDeck reads this annotation key (a known key, a known family, or `opsdeck.io/*`).
 *
 * @public
 */
export function isOpsDeckRelevantAnnotation(key: string): boolean {
  return (
    RELEVANT_KEYS.has(key) ||
    key.startsWith('opsdeck.io/') ||
    Object.values(ANNOTATION_PREFIXES).some(prefix => key.startsWith(prefix))
  );
}

const DOC_LINK_TYPES = new Set(['runbook', 'docs', 'documentation', 'doc']);

function evidenceFor(
  integration: CoverageIntegration,
  entity: CoverageEntityInput,
  context: CoverageContext,
): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const fromModules = context.moduleAnnotations?.[integration.id] ?? [];
  const found = Object.keys(annotations).filter(
    key =>
      annotations[key]?.trim() &&
      (integration.annotations.includes(key) ||
        fromModules.includes(key) ||
        integration.annotationPrefixes?.some(p => key.startsWith(p))),
  );
  if (integration.id === 'owner') {
    const owner = entity.spec?.owner;
    if (typeof owner === 'string' && owner.trim()) {
      found.push('spec.owner');
    }
  }
  if (integration.id === 'docs') {
    const hasDocLink = (entity.metadata.links ?? []).some(
      link =>
        DOC_LINK_TYPES.has((link.type ?? '').toLowerCase()) ||
        /runbook|docs?\b|documentation/i.test(link.title ?? ''),
    );
    if (hasDocLink) {
      found.push('metadata.links');
    }
  }
  if (integration.id === 'oncall' && !found.length && context.onCallFrom) {
    found.push(`${INHERITED_EVIDENCE_PREFIX}${context.onCallFrom}`);
  }
  if (
    (integration.id === 'deployments' || integration.id === 'incidents') &&
    context.received?.[integration.id]
  ) {
    found.push(RECEIVED_EVIDENCE);
  }
  return found;
}

/**
 * Which OpsDeck integrations an entity has, and how to add the missing ones.
 * Pure: the backend calls it on an entity read with the caller's credentials, with what it
 * knows of inherited on-call and received events (see {@link CoverageContext}).
 *
 * @public
 */
export function computeEntityCoverage(
  entityRef: string,
  entity: CoverageEntityInput,
  context: CoverageContext = {},
): EntityCoverage {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const items = COVERAGE_INTEGRATIONS.map((integration): CoverageItem => {
    const applicable = !integration.kinds || integration.kinds.includes(kind);
    const evidence = applicable
      ? evidenceFor(integration, entity, context)
      : [];
    const present = evidence.length > 0;
    return {
      id: integration.id,
      title: integration.title,
      applicable,
      present,
      evidence,
      ...(applicable && !present ? { fix: integration.fix } : {}),
    };
  });

  const applicable = items.filter(i => i.applicable).length;
  const present = items.filter(i => i.present).length;
  const fromModules = new Set(
    Object.values(context.moduleAnnotations ?? {}).flat(),
  );
  const annotations = Object.fromEntries(
    Object.entries(entity.metadata.annotations ?? {}).filter(
      ([key]) => isOpsDeckRelevantAnnotation(key) || fromModules.has(key),
    ),
  );

  return {
    entityRef,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    items,
    present,
    applicable,
    percent: coveragePercent(present, applicable),
    annotations,
  };
}
