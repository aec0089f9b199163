import {
  CoverageIntegrationId,
  ONCALL_ANNOTATIONS,
} from '@opsdeck/backstage-plugin-common';
import {
  OpsDeckOnCallProvider,
  OpsDeckWebhookSource,
} from '@opsdeck/backstage-plugin-node';
import { MAPPED_ANNOTATIONS } from './EntityIndexService';

/**
 * The annotation keys OpsDeck reads: its own, and those its installed modules declare — so a
 * module with an annotation OpsDeck has never heard of is chosen, indexed and counted like a
 * built-in one.
 *
 * @internal
 */
export interface AnnotationKeys {
  /** On-call keys in priority order: the built-in ones, then the providers', as added. */
  oncall: readonly string[];
  /** Keys events may name a service by (the entity index). */
  mapped: readonly string[];
  /** Keys modules add, per coverage integration they satisfy. */
  coverage: Partial<Record<CoverageIntegrationId, readonly string[]>>;
}

const unique = (keys: Iterable<string>) => [...new Set(keys)];

/** @internal */
export function annotationKeys(modules: {
  oncallProviders: readonly OpsDeckOnCallProvider[];
  webhookSources: readonly OpsDeckWebhookSource[];
}): AnnotationKeys {
  const oncall = unique([
    ...ONCALL_ANNOTATIONS,
    ...modules.oncallProviders.flatMap(p => p.annotations),
  ]);
  const sources = (kind: 'deployments' | 'incidents') =>
    unique(modules.webhookSources.flatMap(s => s.annotations?.[kind] ?? []));
  const deployments = sources('deployments');
  const incidents = sources('incidents');
  return {
    oncall,
    mapped: unique([...MAPPED_ANNOTATIONS, ...deployments, ...incidents]),
    coverage: {
      oncall: oncall.filter(key => !ONCALL_ANNOTATIONS.includes(key)),
      deployments,
      incidents,
    },
  };
}
