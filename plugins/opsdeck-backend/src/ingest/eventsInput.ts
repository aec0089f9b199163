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
import { isWellFormedText } from '../wellFormed';

/** Most deployments + incidents in one batch (documented in the README). */
export const MAX_BATCH_ITEMS = 1000;
/** Largest accepted request body; larger bodies get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The limits of DESIGN.md's "Input limits" contract (also in openapi.yaml). @internal */
export const INPUT_LIMITS = {
  id: 256,
  serviceRef: 512,
  annotationKey: 317, // Backstage's own: a 253-character prefix, '/', a 63-character name
  annotationValue: 512,
  environment: 64,
  status: 64,
  severity: 64,
  title: 500,
  url: 2048,
  /** An email address (RFC 5321's limit on a path). */
  email: 254,
  /** Earliest accepted instant: 2000-01-01T00:00:00Z. */
  earliest: Date.UTC(2000, 0, 1),
  /** How far past the receiving clock an instant may lie. */
  aheadMs: 24 * 60 * 60 * 1000,
  /** Largest time-zone offset, in minutes (±14:00). */
  maxOffsetMinutes: 14 * 60,
} as const;

/**
 * A string that round-trips through both databases, of at most `max` characters; with
 * `required`, also not empty (the message says what belongs there).
 *
 * @internal
 */
export const text = (max: number, required?: string) =>
  z
    .string()
    .min(required ? 1 : 0, required)
    .max(max, `at most ${max} characters`)
    .refine(
      isWellFormedText,
      'must be well-formed Unicode (no lone surrogates, no NUL characters)',
    );

// RFC 3339 with an explicit zone; fractions of a second are allowed and truncated to the ms.
const RFC3339 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

/** Epoch ms of a validated instant. @internal */
export const toMs = (v: string | number) =>
  typeof v === 'number' ? v : Date.parse(v);

/** Why an instant is refused, or undefined when it is fine. */
function instantProblem(v: string | number, now: number): string | undefined {
  let ms: number;
  if (typeof v === 'number') {
    ms = v;
  } else {
    const m = RFC3339.exec(v);
    if (!m) {
      return 'must be an ISO 8601 / RFC 3339 date-time with a time zone (e.g. 2026-11-20T10:00:00Z), or epoch milliseconds';
    }
    // Offset in minutes east of UTC (0 for Z).
    const sign = m[1] === '-' ? -1 : 1;
    const offset = sign * (Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0));
    if (
      Number(m[3] ?? 0) > 59 ||
      Math.abs(offset) > INPUT_LIMITS.maxOffsetMinutes
    ) {
      return 'has a time-zone offset outside ±14:00';
    }
    ms = Date.parse(v);
    // Date.parse rolls 2026-02-30 over into March: compare the date part with what it read.
    if (
      Number.isNaN(ms) ||
      new Date(ms + offset * 60_000).toISOString().slice(0, 10) !==
        v.slice(0, 10)
    ) {
      return 'is not a real calendar date and time';
    }
  }
  if (ms < INPUT_LIMITS.earliest) return 'must not be before 2000-01-01';
  if (ms > now + INPUT_LIMITS.aheadMs) {
    return 'must not be more than one day in the future';
  }
  return undefined;
}

/** An instant: RFC 3339 with a zone (offset within ±14:00), or epoch ms; 2000-01-01 to now + 1 day. @internal */
export const instant = z
  .union([z.string(), z.number().int('must be whole epoch milliseconds')])
  .superRefine((v, ctx) => {
    const problem = instantProblem(v, Date.now());
    if (problem)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

/** A commit SHA. @internal */
export const sha = z
  .string()
  .regex(/^[0-9a-f]{7,64}$/i, 'must be a hex commit SHA (7–64 characters)');

/** A service named by an annotation it carries. @internal */
export const annotationRef = z
  .object({
    annotation: text(INPUT_LIMITS.annotationKey, 'must name an annotation key'),
    value: text(INPUT_LIMITS.annotationValue, 'must not be empty'),
  })
  .strict();

const service = z.union([
  text(
    INPUT_LIMITS.serviceRef,
    'must name the entity, e.g. component:default/checkout',
  ),
  annotationRef,
]);

const url = text(INPUT_LIMITS.url).refine(
  v => toSafeHttpUrl(v) !== undefined,
  'must be an absolute http(s) URL',
);

const id = text(INPUT_LIMITS.id, 'must not be empty');

const statusWord = text(INPUT_LIMITS.status).refine(
  w =>
    normalizeDeploymentStatus(w) !== undefined ||
    w.trim().toLowerCase() === 'inactive',
  'unknown status; use success, failure, cancelled or pending (or failed, error, degraded, canceled, queued, in_progress, running)',
);

const deployment = z
  .object({
    id,
    service,
    environment: text(INPUT_LIMITS.environment, 'must not be empty'),
    status: statusWord,
    startedAt: instant.optional(),
    finishedAt: instant.optional(),
    commit: z.object({ sha, time: instant.optional() }).strict().optional(),
    changes: z
      .array(
        z
          .object({
            sha,
            time: instant,
            authorEmail: z
              .string()
              .max(
                INPUT_LIMITS.email,
                `at most ${INPUT_LIMITS.email} characters`,
              )
              .email('must be an email address')
              .optional(),
          })
          .strict(),
      )
      .max(1000)
      .optional(),
    rollbackOf: id.optional(),
    rework: z.boolean().optional(),
    fixes: z.array(id).max(100).optional(),
    url: url.optional(),
    title: text(INPUT_LIMITS.title).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (
      d.startedAt !== undefined &&
      d.finishedAt !== undefined &&
      toMs(d.finishedAt) < toMs(d.startedAt)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['finishedAt'],
        message: 'must not be before startedAt',
      });
    }
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
      deployment: text(64 + 1 + INPUT_LIMITS.id).refine(
        v => /^[a-z0-9][a-z0-9._-]{0,63}:.+$/.test(v),
        'must be "<source>:<id>"',
      ),
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
    severity: text(INPUT_LIMITS.severity).optional(),
    environment: text(INPUT_LIMITS.environment, 'must not be empty').optional(),
    causedBy: causedBy.optional(),
    url: url.optional(),
    title: text(INPUT_LIMITS.title).optional(),
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

/**
 * Refuses a request that names one record twice (same kind and `<source>:<id>`): its items
 * could disagree, and which one wins would depend on the order they were stored in.
 *
 * @internal
 */
export function assertOneItemPerRecord(
  items: ReadonlyArray<{ kind: string; key: string; path: string }>,
): void {
  const seen = new Map<string, string>();
  for (const { kind, key, path } of items) {
    const first = seen.get(`${kind}\u0000${key}`);
    if (first !== undefined) {
      throw new InputError(
        `${path}.id: names the same ${kind} as ${first}; send one item per record`,
      );
    }
    seen.set(`${kind}\u0000${key}`, path);
  }
}

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
      // Emails compare case-insensitively, as catalog Users are matched.
      ...(c.authorEmail
        ? { authorEmail: c.authorEmail.toLocaleLowerCase('en-US') }
        : {}),
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
