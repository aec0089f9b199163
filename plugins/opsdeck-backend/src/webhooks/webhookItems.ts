import {
  DeploymentEvent,
  IncidentEvent,
} from '@opsdeck/backstage-plugin-common';
import { OpsDeckWebhookNormalized } from '@opsdeck/backstage-plugin-node';
import { z } from 'zod/v3';
import { annotationIdentity } from '../store/DatabaseEntityIndexStore';
import { PushRecord } from '../store/pushesSql';
import {
  annotationRef,
  assertOneItemPerRecord,
  deploymentItemSchema,
  incidentItemSchema,
  instant,
  parseOrThrow,
  sha,
  toDeploymentEvent,
  toIncidentEvent,
  toMs,
} from '../ingest/eventsInput';

const push = z
  .object({
    repository: annotationRef,
    before: sha,
    after: sha,
    forced: z.boolean().optional(),
    commits: z.array(z.object({ sha, time: instant }).strict()).max(5000),
  })
  .strict();

/** What a source module read from a delivery, validated and keyed by the source. @internal */
export interface WebhookRecords {
  deployments: DeploymentEvent[];
  incidents: IncidentEvent[];
  pushes: PushRecord[];
}

/**
 * Validates what a source module read from a delivery (the item shape of `POST /events`) and
 * turns it into events of records `<source>:<id>`. Throws an InputError naming the item and
 * field; the delivery is then quarantined with that reason.
 *
 * @internal
 */
export function toWebhookRecords(
  source: string,
  normalized: OpsDeckWebhookNormalized,
  receivedAt: number,
): WebhookRecords {
  const deployments = (normalized.deployments ?? []).map((raw, n) => {
    const { at, ...item } = raw;
    const path = `deployments[${n}]`;
    const event = toDeploymentEvent(
      source,
      parseOrThrow(deploymentItemSchema, item, path),
      receivedAt,
      path,
    );
    if (at !== undefined)
      event.eventTime = toMs(parseOrThrow(instant, at, `${path}.at`));
    return event;
  });
  const incidents = (normalized.incidents ?? []).map((raw, n) => {
    const { at, isAlert, ...item } = raw;
    const path = `incidents[${n}]`;
    const event = toIncidentEvent(
      source,
      parseOrThrow(incidentItemSchema, item, path),
      receivedAt,
      path,
    );
    if (at !== undefined)
      event.eventTime = toMs(parseOrThrow(instant, at, `${path}.at`));
    if (isAlert) event.isAlert = true;
    return event;
  });
  const pushes = (normalized.pushes ?? []).map((raw, n) => {
    const p = parseOrThrow(push, raw, `pushes[${n}]`);
    return {
      source,
      service: annotationIdentity(p.repository.annotation, p.repository.value),
      before: p.before.toLowerCase(),
      after: p.after.toLowerCase(),
      forced: p.forced ?? false,
      commits: p.commits.map(c => ({
        sha: c.sha.toLowerCase(),
        time: toMs(c.time),
      })),
    };
  });
  assertOneItemPerRecord([
    ...deployments.map((d, n) => ({
      kind: 'deployment',
      key: d.key,
      path: `deployments[${n}]`,
    })),
    ...incidents.map((i, n) => ({
      kind: 'incident',
      key: i.key,
      path: `incidents[${n}]`,
    })),
  ]);
  return { deployments, incidents, pushes };
}
