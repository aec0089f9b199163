import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, isError } from '@backstage/errors';
import { opsdeckEventsCreatePermission } from '@opsdeck/backstage-plugin-common';
import express from 'express';
import Router from 'express-promise-router';
import { authorizeOrThrow } from '../permissions/authorize';
import { withTransientFaults } from '../store/database';
import { WebhookService } from './WebhookService';

/** Largest accepted webhook body (GitHub push payloads can be large); larger → 413. */
export const MAX_WEBHOOK_BODY_BYTES = 5 * 1024 * 1024;

/** A 413 the root error handler answers as such (it reads `statusCode`). */
class PayloadTooLargeError extends Error {
  readonly statusCode = 413;
  name = 'PayloadTooLargeError';
}

/**
 * Reads the body bytes exactly as sent — no decoding of content-encoding or charset, which could
 * only turn a provider's delivery into a 4xx — stopping at the limit.
 */
function readRawBody(req: express.Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain, so the 413 reaches the sender
    return Promise.reject(
      new PayloadTooLargeError(`body: larger than ${limit} bytes`),
    );
  }
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new PayloadTooLargeError(`body: larger than ${limit} bytes`));
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(parts));
    });
    req.on('error', error => {
      if (!failed) reject(error);
    });
  });
}

/**
 * `POST /webhooks/{source}`: outside the OpenAPI router because signatures are checked over the
 * raw bytes. Answers only 2xx, 401 (not authentic), 404 (no such source installed), 413 (too
 * large) or 503 + Retry-After (database fault) — providers disable hooks that keep getting 4xx.
 *
 * @internal
 */
export function createWebhookRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  webhooks: WebhookService;
  /** Called after new deliveries were normalised (e.g. to bring rollups up to date). */
  onIngested?: () => void;
}): express.Router {
  const { httpAuth, permissions, auditor, webhooks, onIngested } = options;
  const router = Router();

  router.post('/webhooks/:source', async (req, res) => {
    const source = webhooks.source(req.params.source);
    if (source.authentication === 'backstage-token') {
      // The path is open to unauthenticated callers (signed sources), so "no token" must be
      // turned into a 401 here; a user's token is a 403.
      const credentials = await httpAuth.credentials(req, {
        allow: ['service', 'none'],
      });
      if ((credentials.principal as { type: string }).type === 'none') {
        throw new AuthenticationError(
          `${source.id} webhooks need a Backstage service token (backend.auth.externalAccess)`,
        );
      }
      await authorizeOrThrow(
        permissions,
        opsdeckEventsCreatePermission,
        credentials,
        `send ${source.id} webhooks`,
      );
    }
    // Node's HTTP server lower-cases header names.
    const rawBody = req.readable
      ? await readRawBody(req, MAX_WEBHOOK_BODY_BYTES)
      : Buffer.alloc(0);
    const receivedAt = Date.now();
    const delivery = { headers: req.headers, rawBody };

    let deliveryId: string;
    try {
      ({ deliveryId } = await source.verify(delivery));
    } catch (error) {
      // Whatever went wrong reading a signature, the sender gets a 401, never a 500.
      throw error instanceof AuthenticationError
        ? error
        : new AuthenticationError(
            `${source.id} delivery could not be verified: ${
              isError(error) ? error.message : String(error)
            }`,
          );
    }
    const answer = await withTransientFaults(
      () => webhooks.receive(source, delivery, deliveryId, receivedAt),
      seconds => res.setHeader('Retry-After', String(seconds)),
    );
    res
      .status(answer.duplicate ? 200 : 202)
      .json({ deliveryId: answer.deliveryId, duplicate: answer.duplicate });
    if (answer.duplicate) return;

    const audit = await auditor.createEvent({
      eventId: 'webhook-delivery',
      severityLevel: 'low',
      request: req,
      meta: { source: source.id, deliveryId: answer.deliveryId },
    });
    await audit.success();
    webhooks.sweepSoon(onIngested);
  });

  return router;
}
