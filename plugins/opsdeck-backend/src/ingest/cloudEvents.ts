import { InputError } from '@backstage/errors';
import { CloudEventV1, HTTP } from 'cloudevents';
import {
  DeploymentItem,
  IncidentItem,
  deploymentItemSchema,
  incidentItemSchema,
  parseOrThrow,
} from './eventsInput';
import { mapCdEvent, parseCdEventType } from './cdevents';

/** CloudEvents types OpsDeck handles; `data` is one item of the versioned batch. */
export const CLOUDEVENT_TYPES = {
  deployment: 'io.opsdeck.deployment.v1',
  incident: 'io.opsdeck.incident.v1',
} as const;

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** What the CloudEvents in one request amount to. @internal */
export interface ParsedCloudEvents {
  deployments: Array<{ source: string; item: DeploymentItem; path: string }>;
  incidents: Array<{ source: string; item: IncidentItem; path: string }>;
  /** Merged commits (CDEvents `change.merged`): a repository, a SHA and its merge time. */
  changes: Array<{
    source: string;
    repository: DeploymentItem['service'];
    sha: string;
    time: string;
    path: string;
  }>;
  /** Authentic but unknown types: stored as quarantined, answered as `ignored`. */
  ignored: Array<{
    id: string;
    source: string;
    type: string;
    reason: string;
    raw: string;
  }>;
}

/** Whether the request carries CloudEvents (binary, structured or batch mode). @internal */
export function isCloudEventsRequest(
  headers: Record<string, string | string[] | undefined>,
): boolean {
  const contentType = String(headers['content-type'] ?? '').toLowerCase();
  return (
    headers['ce-specversion'] !== undefined ||
    contentType.startsWith('application/cloudevents')
  );
}

/**
 * Parses CloudEvents with the CNCF SDK and validates the OpsDeck types' data. The OpsDeck source
 * name is the `opsdecksource` extension, else the CloudEvents `source` when it is a short name.
 *
 * @internal
 */
export function parseCloudEvents(
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
): ParsedCloudEvents {
  let events: CloudEventV1<unknown>[];
  try {
    const parsed = HTTP.toEvent({ headers, body: rawBody.toString('utf8') });
    events = Array.isArray(parsed) ? parsed : [parsed];
  } catch (error) {
    throw new InputError(`Invalid CloudEvent: ${(error as Error).message}`);
  }
  const out: ParsedCloudEvents = {
    deployments: [],
    incidents: [],
    changes: [],
    ignored: [],
  };
  events.forEach((event, index) => {
    const path = events.length > 1 ? `events[${index}]` : 'event';
    const cdevent = parseCdEventType(event.type);
    if (cdevent) {
      addCdEvent(out, event, cdevent, path);
      return;
    }
    const known =
      event.type === CLOUDEVENT_TYPES.deployment ||
      event.type === CLOUDEVENT_TYPES.incident;
    if (!known) {
      out.ignored.push({
        id: event.id,
        source: event.source,
        type: event.type,
        reason: `unknown CloudEvents type ${
          event.type
        }; handled: ${Object.values(CLOUDEVENT_TYPES).join(', ')}`,
        raw: JSON.stringify(event),
      });
      return;
    }
    const named =
      (event as Record<string, unknown>).opsdecksource ?? event.source;
    if (typeof named !== 'string' || !SOURCE.test(named)) {
      throw new InputError(
        `${path}.source: set the opsdecksource extension (or source) to a short lower-case name such as github-actions`,
      );
    }
    const data = dataOf(event, path);
    if (event.type === CLOUDEVENT_TYPES.deployment) {
      const item = parseOrThrow(deploymentItemSchema, data, `${path}.data`);
      out.deployments.push({ source: named, item, path: `${path}.data` });
    } else {
      const item = parseOrThrow(incidentItemSchema, data, `${path}.data`);
      out.incidents.push({ source: named, item, path: `${path}.data` });
    }
  });
  return out;
}

/** The event's data as JSON. */
function dataOf(event: CloudEventV1<unknown>, path: string): unknown {
  let data: unknown = event.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      throw new InputError(`${path}.data: must be JSON`);
    }
  }
  return data;
}

/**
 * A CDEvent: mapped to a deployment or incident and validated like OpsDeck's own items, or
 * ignored with the reason. CDEvents sources are URI references, so the OpsDeck source name is
 * the `opsdecksource` extension, else the source when it is a short name, else `cdevents`.
 */
function addCdEvent(
  out: ParsedCloudEvents,
  event: CloudEventV1<unknown>,
  type: { subject: string; predicate: string },
  path: string,
) {
  const mapped = mapCdEvent(type, dataOf(event, path), `${path}.data`);
  if (mapped.kind === 'ignored') {
    out.ignored.push({
      id: event.id,
      source: event.source,
      type: event.type,
      reason: mapped.reason,
      raw: JSON.stringify(event),
    });
    return;
  }
  const extension = (event as Record<string, unknown>).opsdecksource;
  let source = 'cdevents';
  if (typeof extension === 'string') source = extension;
  else if (SOURCE.test(event.source)) source = event.source;
  if (!SOURCE.test(source)) {
    throw new InputError(
      `${path}.opsdecksource: a short lower-case name such as tekton`,
    );
  }
  const at = `${path}.data (as ${mapped.kind})`;
  if (mapped.kind === 'change') {
    const { repository, sha, time } = mapped;
    out.changes.push({ source, repository, sha, time, path: at });
  } else if (mapped.kind === 'deployment') {
    const item = parseOrThrow(deploymentItemSchema, mapped.item, at);
    out.deployments.push({ source, item, path: at });
  } else {
    const item = parseOrThrow(incidentItemSchema, mapped.item, at);
    out.incidents.push({ source, item, path: at });
  }
}
