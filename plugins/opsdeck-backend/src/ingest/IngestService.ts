import { InputError } from '@backstage/errors';
import {
  DeploymentEvent,
  IncidentEvent,
} from '@opsdeck/backstage-plugin-common';
import { createHash } from 'node:crypto';
import { EventStore } from '../store/EventStore';
import { isCloudEventsRequest, parseCloudEvents } from './cloudEvents';
import { storableDeliveryId } from '../store/DatabaseOpsDeckStore';
import { PushRecord } from '../store/pushesSql';
import {
  MAX_BATCH_ITEMS,
  assertOneItemPerRecord,
  parseEventBatch,
  serviceIdentity,
  toDeploymentEvent,
  toIncidentEvent,
  toMs,
} from './eventsInput';

/** The `before` of a push that starts history (as a new branch): the walk stops there. */
const NO_COMMIT = '0'.repeat(40);

/**
 * The answer of `POST /events` (202).
 *
 * @internal
 */
export interface IngestAnswer {
  accepted: { deployments: number; incidents: number; changes: number };
  /** The same delivery (Idempotency-Key, or identical body) was accepted before. */
  duplicate: boolean;
  /** CloudEvents of unknown types, stored as quarantined. */
  ignored: Array<{ id: string; type: string; reason: string }>;
}

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
) {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const withoutPath = <T extends { path: string }>({
  path: _path,
  ...event
}: T): Omit<T, 'path'> => event;

/**
 * Turns one `POST /events` request into stored events: validates all of it first (a rejected
 * request writes nothing), then stores the delivery and its events in one transaction.
 *
 * @internal
 */
export class IngestService {
  constructor(private readonly store: EventStore) {}

  async ingest(request: {
    headers: Record<string, string | string[] | undefined>;
    rawBody: Buffer;
    receivedAt: number;
  }): Promise<IngestAnswer> {
    const { headers, rawBody, receivedAt } = request;
    const deployments: Array<DeploymentEvent & { path: string }> = [];
    const incidents: Array<IncidentEvent & { path: string }> = [];
    const pushes: PushRecord[] = [];
    let ignored: Array<{
      id: string;
      source: string;
      type: string;
      reason: string;
      raw: string;
    }> = [];

    if (isCloudEventsRequest(headers)) {
      const parsed = parseCloudEvents(headers, rawBody);
      if (
        parsed.deployments.length +
          parsed.incidents.length +
          parsed.changes.length >
        MAX_BATCH_ITEMS
      ) {
        throw new InputError(
          `a batch holds at most ${MAX_BATCH_ITEMS} events; split it`,
        );
      }
      for (const d of parsed.deployments)
        deployments.push({
          ...toDeploymentEvent(d.source, d.item, receivedAt, d.path),
          path: d.path,
        });
      for (const i of parsed.incidents)
        incidents.push({
          ...toIncidentEvent(i.source, i.item, receivedAt, i.path),
          path: i.path,
        });
      // A merged commit is a push of that one commit: deployments that name the SHA (or walk
      // back to it) ship it, with its merge time as its commit time.
      for (const c of parsed.changes)
        pushes.push({
          source: c.source,
          service: serviceIdentity(c.repository, `${c.path}.repository`),
          before: NO_COMMIT,
          after: c.sha,
          forced: false,
          commits: [{ sha: c.sha, time: toMs(c.time) }],
        });
      ignored = parsed.ignored;
    } else {
      const contentType = String(header(headers, 'content-type') ?? '');
      if (!/^application\/json\b/i.test(contentType)) {
        throw new InputError(
          'content-type: send application/json (the versioned batch) or CloudEvents (application/cloudevents+json, application/cloudevents-batch+json, or binary mode with ce-* headers)',
        );
      }
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch (error) {
        throw new InputError(
          `body: not valid JSON (${(error as Error).message})`,
        );
      }
      const batch = parseEventBatch(body);
      batch.deployments.forEach((d, n) => {
        const path = `deployments[${n}]`;
        deployments.push({
          ...toDeploymentEvent(batch.source, d, receivedAt, path),
          path,
        });
      });
      batch.incidents.forEach((i, n) => {
        const path = `incidents[${n}]`;
        incidents.push({
          ...toIncidentEvent(batch.source, i, receivedAt, path),
          path,
        });
      });
    }
    assertOneItemPerRecord([
      ...deployments.map(d => ({ kind: 'deployment', ...d })),
      ...incidents.map(i => ({ kind: 'incident', ...i })),
    ]);

    const key = header(headers, 'idempotency-key');
    const deliveryId =
      key === undefined
        ? createHash('sha256').update(rawBody).digest('hex')
        : storableDeliveryId(key);
    const result = await this.store.ingest({
      delivery: {
        source: 'events',
        deliveryId,
        receivedAt,
        headers,
        body: rawBody,
        ...(deployments.length + incidents.length + pushes.length === 0 &&
        ignored.length
          ? {
              status: 'quarantined' as const,
              reason: ignored.map(i => i.reason).join('; '),
            }
          : {}),
      },
      deployments: deployments.map(withoutPath),
      incidents: incidents.map(withoutPath),
      pushes,
      quarantined: ignored.map(i => ({
        source: 'cloudevents',
        deliveryId: storableDeliveryId(`${i.source}#${i.id}`),
        receivedAt,
        headers: {},
        body: Buffer.from(i.raw),
        status: 'quarantined' as const,
        reason: i.reason,
      })),
    });
    return {
      accepted: {
        deployments: deployments.length,
        incidents: incidents.length,
        changes: pushes.length,
      },
      duplicate: result.duplicate,
      ignored: ignored.map(({ id, type, reason }) => ({ id, type, reason })),
    };
  }
}
