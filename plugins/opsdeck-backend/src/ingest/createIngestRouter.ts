import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { opsdeckEventsCreatePermission } from '@opsdeck/backstage-plugin-common';
import express from 'express';
import Router from 'express-promise-router';
import { authorizeOrThrow } from '../permissions/authorize';
import { withTransientFaults } from '../store/database';
import { MAX_BODY_BYTES } from './eventsInput';
import { IngestService } from './IngestService';
import { ReadsFirst } from '../readsFirst';

/**
 * `POST /events`: outside the OpenAPI-validated router because it reads the raw body itself
 * (CloudEvents binary, structured and batch modes) and answers 413 above the body limit.
 *
 * @internal
 */
export function createIngestRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  ingest: IngestService;
  /** Called after each stored delivery (e.g. to bring rollups up to date). */
  onIngested?: () => void;
}): express.Router {
  const { httpAuth, permissions, auditor, ingest, onIngested } = options;
  const router = Router();

  router.post(
    '/events',
    // Credentials first, so nobody can make OpsDeck read a body it would reject anyway.
    async (req, res, next) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['service'],
      });
      await authorizeOrThrow(
        permissions,
        opsdeckEventsCreatePermission,
        credentials,
        'send events',
      );
      res.locals.credentials = credentials;
      next();
    },
    express.raw({ type: () => true, limit: MAX_BODY_BYTES }),
    async (req, res) => {
      const audit = await auditor.createEvent({
        eventId: 'events-ingest',
        severityLevel: 'medium',
        request: req,
      });
      try {
        // While the portal is being read, a sender waits its turn (a quarter of the time).
        const answer = await withTransientFaults(
          () =>
            ReadsFirst.process.write(() =>
              ingest.ingest({
                headers: req.headers,
                rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
                receivedAt: Date.now(),
              }),
            ),
          seconds => res.setHeader('Retry-After', String(seconds)),
        );
        await audit.success({
          meta: { ...answer.accepted, duplicate: answer.duplicate },
        });
        res.status(202).json(answer);
        if (!answer.duplicate) onIngested?.();
      } catch (error) {
        await audit.fail({ error: error as Error });
        throw error;
      }
    },
  );

  return router;
}
