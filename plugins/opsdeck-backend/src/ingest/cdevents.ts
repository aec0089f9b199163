import { InputError } from '@backstage/errors';
import { ANNOTATIONS } from '@opsdeck/backstage-plugin-common';

/*
 * CDEvents (spec v0.4; event versions 0.x) as OpsDeck's deployments and incidents. A CDEvent
 * travels as a CloudEvent whose `type` is `dev.cdevents.<subject>.<predicate>.<version>` and
 * whose data is the CDEvent itself: `context` (id, source, type, timestamp), `subject` (id,
 * source, content) and optional `customData`. There is no SDK for JavaScript; this reads the
 * fields the spec defines.
 */

/** The CDEvents OpsDeck counts, as `<subject>.<predicate>`. */
export const CDEVENTS_MAPPED = [
  'service.deployed',
  'service.upgraded',
  'service.rolledback',
  'incident.detected',
  'incident.reported',
  'incident.resolved',
  'change.merged',
] as const;

/** A commit SHA, as `POST /events` takes it. */
const SHA = /^[0-9a-f]{7,64}$/i;

const CDEVENT_TYPE =
  /^dev\.cdevents\.([a-z]+)\.([a-z]+)\.(\d+\.\d+\.\d+(?:-[0-9a-z.]+)?)$/i;

/** `dev.cdevents.service.deployed.0.2.0` → its subject, predicate and version. */
export function parseCdEventType(
  type: string,
): { subject: string; predicate: string; version: string } | undefined {
  const m = CDEVENT_TYPE.exec(type);
  return m
    ? {
        subject: m[1].toLowerCase(),
        predicate: m[2].toLowerCase(),
        version: m[3],
      }
    : undefined;
}

/** What one CDEvent amounts to: a deployment or incident item to validate, or why not. */
export type CdEventMapping =
  | { kind: 'deployment'; item: Record<string, unknown> }
  | { kind: 'incident'; item: Record<string, unknown> }
  | {
      kind: 'change';
      /** The repository, as a service is named (entity ref or `opsdeck.io/deployment-source`). */
      repository: string | { annotation: string; value: string };
      sha: string;
      /** When it was merged: its commit time for lead times. */
      time: string;
    }
  | { kind: 'ignored'; reason: string };

const object = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** A required string field of the CDEvent, or a 400 naming it. */
function required(value: unknown, at: string, why: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new InputError(`${at}: required, ${why}`);
  }
  return value.trim();
}

/**
 * A service as a CDEvent names it: an entity ref (`component:default/checkout`) counts as is;
 * any other id is matched to the Component annotated `opsdeck.io/deployment-source` with it.
 */
function serviceOf(id: string): string | { annotation: string; value: string } {
  return /^[a-z][a-z0-9-]*:([a-z0-9._-]+\/)?[a-z0-9._-]+$/i.test(id)
    ? id
    : { annotation: ANNOTATIONS.deploymentSource, value: id };
}

/** `pkg:oci/myapp@sha256%3A0b31b1c0…` → `myapp@sha256:0b31b1c0` for a title. */
function artifactTitle(artifactId: unknown): string | undefined {
  if (typeof artifactId !== 'string') return undefined;
  const m = /^pkg:[^/]+\/(?:.*\/)?([^/@?#]+)(?:@([^?#]+))?/.exec(artifactId);
  if (!m) return undefined;
  const version = m[2] ? decodeURIComponent(m[2]) : undefined;
  const short = version?.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/i, '$1');
  return short ? `${m[1]}@${short}` : m[1];
}

/**
 * Maps one CDEvent (the CloudEvent's data) of a handled type to a deployment or incident item of
 * OpsDeck's events API, which the caller validates like any other item:
 * - `service.deployed` / `upgraded` / `rolledback` → a successful deployment of `subject.id` to
 *   `subject.content.environment.id`, finished at `context.timestamp`, keyed by `context.id`; a
 *   rollback is marked as rework.
 * - `incident.detected` / `reported` → an incident `subject.id` of `subject.content.service.id`
 *   opened at `context.timestamp`; `incident.resolved` resolves it then.
 * - `change.merged` → the commit it names (`subject.id` when it is a SHA, else
 *   `customData.sha`) merged into `subject.content.repository.id` at `context.timestamp`: a
 *   change with that commit time, shipped by the deployments that name the SHA. Without a SHA it
 *   is ignored with the reason.
 * Other CDEvents are ignored with the reason. A handled event missing a field it needs is a 400
 * naming that field.
 */
export function mapCdEvent(
  type: { subject: string; predicate: string },
  data: unknown,
  at: string,
): CdEventMapping {
  const name = `${type.subject}.${type.predicate}`;
  if (!(CDEVENTS_MAPPED as readonly string[]).includes(name)) {
    return {
      kind: 'ignored',
      reason: `CDEvents ${name} is not one OpsDeck counts; it maps ${CDEVENTS_MAPPED.join(
        ', ',
      )}`,
    };
  }
  const event = object(data);
  if (!event)
    throw new InputError(`${at}: must be the CDEvent (a JSON object)`);
  const context = object(event.context);
  if (!context) throw new InputError(`${at}.context: required`);
  const subject = object(event.subject);
  if (!subject) throw new InputError(`${at}.subject: required`);
  const content = object(subject.content) ?? {};
  const timestamp = required(
    context.timestamp,
    `${at}.context.timestamp`,
    'when it happened',
  );
  if (type.subject === 'change') {
    const custom = object(event.customData);
    const sha = [subject.id, custom?.sha].find(
      (v): v is string => typeof v === 'string' && SHA.test(v.trim()),
    );
    if (!sha) {
      return {
        kind: 'ignored',
        reason:
          'CDEvents change.merged names no commit SHA (in subject.id or customData.sha); OpsDeck counts a change by its commit',
      };
    }
    const repository = object(content.repository);
    return {
      kind: 'change',
      repository: serviceOf(
        required(
          repository?.id,
          `${at}.subject.content.repository.id`,
          'the repository it was merged into',
        ),
      ),
      sha: sha.trim().toLowerCase(),
      time: timestamp,
    };
  }
  const title = artifactTitle(content.artifactId);
  if (type.subject === 'service') {
    const environment = object(content.environment);
    return {
      kind: 'deployment',
      item: {
        id: required(context.id, `${at}.context.id`, 'the event id'),
        service: serviceOf(
          required(subject.id, `${at}.subject.id`, 'the service'),
        ),
        environment: required(
          environment?.id,
          `${at}.subject.content.environment.id`,
          'the environment it was deployed to',
        ),
        status: 'success',
        finishedAt: timestamp,
        ...(type.predicate === 'rolledback' ? { rework: true } : {}),
        ...(title
          ? {
              title:
                type.predicate === 'rolledback'
                  ? `Rollback to ${title}`
                  : title,
            }
          : {}),
      },
    };
  }
  const service = object(content.service);
  const environment = object(content.environment);
  const description =
    typeof content.description === 'string' && content.description.trim()
      ? content.description.trim().slice(0, 500)
      : undefined;
  return {
    kind: 'incident',
    item: {
      id: required(subject.id, `${at}.subject.id`, 'the incident id'),
      service: serviceOf(
        required(
          service?.id,
          `${at}.subject.content.service.id`,
          'the service the incident is about',
        ),
      ),
      // The earliest report counts as the opening, so a resolution alone opens it too.
      openedAt: timestamp,
      ...(type.predicate === 'resolved' ? { resolvedAt: timestamp } : {}),
      ...(typeof environment?.id === 'string' && environment.id.trim()
        ? { environment: environment.id.trim() }
        : {}),
      // A resolution's description ("restored below 100ms") does not rename the incident.
      ...(description && type.predicate !== 'resolved'
        ? { title: description }
        : {}),
    },
  };
}
