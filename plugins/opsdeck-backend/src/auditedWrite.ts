import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import express from 'express';
import { withTransientFaults } from './store/database';

/** Runs a write with auditing; a transient database fault becomes 503 + Retry-After. @internal */
export type AuditedWrite = <T extends JsonObject>(
  req: express.Request,
  res: express.Response,
  eventId: string,
  meta: JsonObject,
  write: () => Promise<T>,
) => Promise<T>;

/** An {@link AuditedWrite} recording to this auditor. @internal */
export function auditedWrite(auditor: AuditorService): AuditedWrite {
  return async (req, res, eventId, meta, write) => {
    const audit = await auditor.createEvent({
      eventId,
      severityLevel: 'high',
      request: req,
      meta,
    });
    try {
      const result = await withTransientFaults(write, seconds =>
        res.setHeader('Retry-After', String(seconds)),
      );
      await audit.success({ meta: { ...meta, result } });
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error, meta });
      throw error;
    }
  };
}
