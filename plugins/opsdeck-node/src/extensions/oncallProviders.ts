import { OnCallIncident } from '@opsdeck/backstage-plugin-common';
import { createExtensionPoint } from '@backstage/backend-plugin-api';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- referenced by TSDoc
import type { ProviderHttpError } from '../providers/providerHttp';

/**
 * One person on call, as the provider reports them.
 *
 * @public
 */
export interface OpsDeckOnCallPerson {
  /** The provider's user id. */
  id?: string;
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
 * An open incident or alert, as the provider reports it.
 *
 * @public
 */
export type OpsDeckOnCallIncident = OnCallIncident;

/**
 * The provider's answer for one annotation value.
 *
 * @public
 */
export interface OpsDeckOnCallResult {
  /** Escalation levels in order. */
  levels: OpsDeckOnCallLevel[];
  /** Open incidents or alerts, when the provider has them. */
  incidents?: OpsDeckOnCallIncident[];
}

/**
 * One upcoming or current shift.
 *
 * @public
 */
export interface OpsDeckOnCallShift {
  /** Who is on call. */
  person: OpsDeckOnCallPerson;
  /** Start, ISO 8601. */
  from: string;
  /** End, ISO 8601. */
  until: string;
  /** Escalation level, 1 when the provider has no levels. */
  level: number;
  /** Schedule or rotation name. */
  scheduleName?: string;
}

/**
 * A provider of "who is on call" (PagerDuty, Opsgenie/JSM), added by a module. Calls may
 * throw; OpsDeck caches answers (`opsdeck.oncall.<id>.cacheTtl`, refreshed at hand-off),
 * coalesces concurrent calls for one value, and answers from the last-known value when a
 * {@link ProviderHttpError} is transient.
 *
 * @public
 */
export interface OpsDeckOnCallProvider {
  /** e.g. `pagerduty`; also the config key under `opsdeck.oncall`. */
  id: string;
  /** Display name, e.g. `PagerDuty`. */
  title?: string;
  /**
   * The annotation keys this provider answers for, in priority order — its own keys too:
   * OpsDeck looks for them along the inheritance order (entity, System, owning Group, ancestors)
   * after its built-in on-call keys, and coverage counts them as on-call.
   */
  annotations: string[];
  /** Who is on call now for the annotation's value, per escalation level. */
  getOnCall(options: {
    annotation: string;
    value: string;
  }): Promise<OpsDeckOnCallResult>;
  /** Shifts overlapping `[from, to)`, when the provider can list them. */
  getShifts?(options: {
    annotation: string;
    value: string;
    from: Date;
    to: Date;
  }): Promise<OpsDeckOnCallShift[]>;
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
