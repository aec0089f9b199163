import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import express from 'express';

/** Errors whose message is written for the caller (Backstage maps them to 4xx and 503). */
const FOR_THE_CALLER = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'ServiceUnavailableError',
]);

/**
 * The last handler of OpsDeck's routes: an answer carries only what was written for the caller.
 * Anything else — a database error with its SQL, a bug's message with a file path — is logged
 * in full under a log id and answered as "An internal error occurred logId=…", as Backstage
 * itself does for PostgreSQL errors (it does not know SQLite's). Causes are dropped from every
 * answer: Backstage serialises them, and a 503's cause is the database error.
 *
 * @internal
 */
export function filterInternalErrors(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (error, _req, _res, next) => {
    const status = Number(error?.status ?? error?.statusCode);
    const forCaller =
      isError(error) &&
      (FOR_THE_CALLER.has(error.name) || (status >= 400 && status < 500));
    if (!forCaller) {
      const logId = randomBytes(10).toString('hex');
      logger.error(`OpsDeck request failed, logId=${logId}`, error);
      const filtered = new Error(`An internal error occurred logId=${logId}`);
      delete filtered.stack;
      next(filtered);
      return;
    }
    if (error.cause === undefined) {
      next(error);
      return;
    }
    next(
      Object.assign(new Error(error.message), {
        name: error.name,
        ...(Number.isInteger(status) ? { status } : {}),
      }),
    );
  };
}
