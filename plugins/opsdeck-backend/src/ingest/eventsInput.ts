import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DeploymentEvent,
  IncidentEvent,
  normalizeDeploymentStatus,
  toSafeHttpUrl,
} from '@opsdeck/backstage-plugin-common';
import { z } from 'zod/v3';
import { annotationIdentity } from '../store/DatabaseEntityIndexStore';

/** Most deployments + incidents in one batch (documented in the README). */
export const MAX_BATCH_ITEMS = 1000;
/** Largest accepted request body; larger bodies get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** An instant: ISO 8601 with a zone, or epoch ms. @internal */
export const instant = z.union([
  z.string().datetime({
    offset: true,
    message: 'must be an ISO 8601 date-time with a time zone',
  }),
  z.number().int().nonnegative(),
]);

/** A commit SHA. @internal */
export const sha = z
  .string()
  .regex(/^[0-9a-f]{7,64}$/i, 'must be a hex commit SHA (7–64 characters)');

/** A service named by an annotation it carries. @internal */
export const annotationRef = z
  .object({ annotation: z.string().min(1), value: z.string().min(1) })
  .strict();

const service = z.union([
  z.string().min(1, 'must name the entity, e.g. component:default/checkout'),
  annotationRef,
]);

const url = z
  .string()
  .refine(
    v => toSafeHttpUrl(v) !== undefined,
    'must be an absolute http(s) URL',
  );

const id = z.string().min(1).max(255);

const statusWord = z
  .string()
  .refine(
    w =>
      normalizeDeploymentStatus(w) !== undefined ||
      w.trim().toLowerCase() === 'inactive',
    'unknown status; use success, failure, cancelled or pending (or failed, error, degraded, canceled, queued, in_progress, running)',
  );

const deployment = z
  .object({
    id,
    service,
    environment: z.string().min(1).max(255),
    status: statusWord,
    startedAt: instant.optional(),
    finishedAt: instant.optional(),
    commit: z.object({ sha, time: instant.optional() }).strict().optional(),
    changes: z
      .array(z.object({ sha, time: instant }).strict())
      .max(1000)
      .optional(),
    rollbackOf: id.optional(),
    rework: z.boolean().optional(),
    fixes: z.array(id).max(100).optional(),
    url: url.optional(),
    title: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    const status = normalizeDeploymentStatus(d.status);
    if (status && status !== 'pending' && d.finishedAt === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['finishedAt'],
        message: `is required when status is ${d.status}`,
      });
    }
  });

const causedBy = z.union([
  z
    .object({
      deployment: z
        .string()
        .regex(/^[a-z0-9][a-z0-9._-]{0,63}:.+$/, 'must be "<source>:<id>"'),
    })
    .strict(),
  z.object({ commit: sha }).strict(),
]);

const incident = z
  .object({
    id,
    service,
    openedAt: instant,
    resolvedAt: instant.nullable().optional(),
    severity: z.string().max(64).optional(),
    environment: z.string().min(1).max(255).optional(),
    causedBy: causedBy.optional(),
    url: url.optional(),
    title: z.string().max(500).optional(),
  })
  .strict();

/** The deployment item of the versioned batch. @internal */
export const deploymentItemSchema = deployment;
/** The incident item of the versioned batch. @internal */
export const incidentItemSchema = incident;

const batch = z
  .object({
    version: z.literal(1, { errorMap: () => ({ message: 'must be 1' }) }),
    source: z
      .string()
      .regex(
        SOURCE,
        'must be a short lower-case name such as github-actions (letters, digits, . _ -)',
      ),
    deployments: z.array(deployment).default([]),
    incidents: z.array(incident).default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.deployments.length + b.incidents.length > MAX_BATCH_ITEMS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [],
        message: `a batch holds at most ${MAX_BATCH_ITEMS} deployments and incidents together; split it`,
      });
    }
  });

/** A deployment item as validated. @internal */
export type DeploymentItem = z.infer<typeof deployment>;
/** An incident item as validated. @internal */
export type IncidentItem = z.infer<typeof incident>;

/** Formats zod issues as `deployments[3].status: message`, the first few of them. @internal */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  const lines = error.issues.slice(0, 5).map(issue => {
    let path = prefix;
    for (const part of issue.path) {
      if (typeof part === 'number') path += `[${part}]`;
      else path = path ? `${path}.${part}` : String(part);
    }
    return `${path || 'body'}: ${issue.message}`;
  });
  const more =
    error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return lines.join('; ') + more;
}

/** Parses with a schema or throws an InputError naming the item and field. @internal */
export function parseOrThrow<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
  prefix = '',
): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new InputError(describeIssues(result.error, prefix));
  return result.data;
}

/** Validates the versioned JSON batch. @internal */
export function parseEventBatch(body: unknown) {
  return parseOrThrow(batch, body);
}

/** Epoch ms of a validated instant. @internal */
export const toMs = (v: string | number) =>
  typeof v === 'number' ? v : Date.parse(v);

/** The identity all of a service's events share: an entity ref or an annotation value. @internal */
export function serviceIdentity(
  value: DeploymentItem['service'],
  path: string,
): string {
  if (typeof value !== 'string')
    return annotationIdentity(value.annotation, value.value);
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    return `entity:${stringifyEntityRef(ref)}`;
  } catch (error) {
    throw new InputError(`${path}: ${(error as Error).message}`);
  }
}

/** A validated deployment item as an event of the record `<source>:<id>`. @internal */
export function toDeploymentEvent(
  source: string,
  d: DeploymentItem,
  receivedAt: number,
  path: string,
): DeploymentEvent {
  const finishedAt =
    d.finishedAt === undefined ? undefined : toMs(d.finishedAt);
  const startedAt = d.startedAt === undefined ? undefined : toMs(d.startedAt);
  const event: DeploymentEvent = {
    key: `${source}:${d.id}`,
    service: serviceIdentity(d.service, `${path}.service`),
    eventTime: finishedAt ?? startedAt ?? receivedAt,
    environment: d.environment,
    // GitHub's `inactive` says nothing about the deployment itself.
    status: d.status.trim().toLowerCase() === 'inactive' ? undefined : d.status,
    startedAt,
    finishedAt,
    commit: d.commit && {
      sha: d.commit.sha.toLowerCase(),
      time: d.commit.time === undefined ? undefined : toMs(d.commit.time),
    },
    changes: d.changes?.map(c => ({
      sha: c.sha.toLowerCase(),
      time: toMs(c.time),
    })),
    rollbackOf: d.rollbackOf && `${source}:${d.rollbackOf}`,
    rework: d.rework,
    fixes: d.fixes?.map(f => `${source}:${f}`),
    url: d.url,
    title: d.title,
  };
  return JSON.parse(JSON.stringify(event)); // drop undefined fields
}

/** A validated incident item as an event of the record `<source>:<id>`. @internal */
export function toIncidentEvent(
  source: string,
  i: IncidentItem,
  receivedAt: number,
  path: string,
): IncidentEvent {
  const openedAt = toMs(i.openedAt);
  const resolvedAt =
    i.resolvedAt === undefined || i.resolvedAt === null
      ? i.resolvedAt
      : toMs(i.resolvedAt);
  const event: IncidentEvent = {
    key: `${source}:${i.id}`,
    service: serviceIdentity(i.service, `${path}.service`),
    // A reopen (resolvedAt: null) happens now; otherwise the latest instant the item carries.
    eventTime: resolvedAt === null ? receivedAt : resolvedAt ?? openedAt,
    openedAt,
    resolvedAt,
    severity: i.severity,
    environment: i.environment,
    causedBy:
      i.causedBy &&
      ('commit' in i.causedBy
        ? { commit: i.causedBy.commit.toLowerCase() }
        : i.causedBy),
    url: i.url,
    title: i.title,
  };
  return JSON.parse(JSON.stringify(event));
}
