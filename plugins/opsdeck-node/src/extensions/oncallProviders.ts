import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * One person on call, as the provider reports them.
 *
 * @public
 */
export interface OpsDeckOnCallPerson {
  /** Display name. */
  name: string;
  /** Matched to catalog Users by `spec.profile.email`, case-insensitive. */
  email?: string;
}

/**
 * One escalation level of an on-call answer.
 *
 * @public
 */
export interface OpsDeckOnCallLevel {
  /** 1 is the first person paged. */
  level: number;
  /** Who is on call at this level now (several when a level has several schedules). */
  people: OpsDeckOnCallPerson[];
  /** End of the current shift, ISO 8601, when the provider knows it. */
  until?: string;
  /** Schedule or rotation name. */
  scheduleName?: string;
}

/**
 * A provider of "who is on call" (PagerDuty, Opsgenie/JSM, catalog rotation), added by a module.
 *
 * @public
 */
export interface OpsDeckOnCallProvider {
  /** e.g. `pagerduty`. */
  id: string;
  /** The annotation keys this provider answers for, in priority order. */
  annotations: string[];
  /** Who is on call now for the annotation's value, per escalation level. */
  getOnCall(options: {
    annotation: string;
    value: string;
  }): Promise<{ levels: OpsDeckOnCallLevel[] }>;
}

/**
 * Lets backend modules add on-call providers to OpsDeck.
 *
 * @public
 */
export interface OpsDeckOnCallProvidersExtensionPoint {
  /** Adds providers; ids must be unique across all modules. */
  addOnCallProvider(...providers: OpsDeckOnCallProvider[]): void;
}

/**
 * The extension point for on-call providers.
 *
 * @public
 */
export const opsdeckOnCallProvidersExtensionPoint =
  createExtensionPoint<OpsDeckOnCallProvidersExtensionPoint>({
    id: 'opsdeck.oncall-providers',
  });
