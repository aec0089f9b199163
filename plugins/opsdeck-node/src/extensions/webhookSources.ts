import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A webhook delivery exactly as it arrived: headers and the raw, unparsed body bytes.
 *
 * @public
 */
export interface OpsDeckWebhookRequest {
  /** Lower-cased header names, as Node's HTTP server gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: Buffer;
}

/**
 * A stored, authentic delivery handed to {@link OpsDeckWebhookSource.normalize}.
 *
 * @public
 */
export interface OpsDeckWebhookDelivery extends OpsDeckWebhookRequest {
  /** When OpsDeck received it, epoch ms. */
  receivedAt: number;
}

/**
 * Names the catalog entity an item belongs to by an annotation it carries, e.g.
 * `{ annotation: 'github.com/project-slug', value: 'acme/checkout' }`.
 *
 * @public
 */
export interface OpsDeckAnnotationRef {
  /** Annotation key. */
  annotation: string;
  /** Its value on the entity. */
  value: string;
}

/** An instant: ISO 8601 with a zone, or epoch milliseconds. @public */
export type OpsDeckInstant = string | number;

/**
 * A deployment (or an update of one) read from a webhook: the item shape of `POST /events`,
 * plus `at`, the provider's time of this update.
 *
 * @public
 */
export interface OpsDeckWebhookDeployment {
  /** The provider's id of the deployment; the record key is `<source id>:<id>`. */
  id: string;
  /** The service, by an annotation it carries. */
  service: OpsDeckAnnotationRef;
  /** Environment name as the provider reports it. */
  environment: string;
  /** The provider's status word (success, failure, error, in_progress, inactive…). */
  status: string;
  /** When it started. */
  startedAt?: OpsDeckInstant;
  /** Required for a terminal status. */
  finishedAt?: OpsDeckInstant;
  /** The deployed commit. */
  commit?: { sha: string; time?: OpsDeckInstant };
  /** The commits it ships, when the provider says; else OpsDeck walks pushes (see the README). */
  changes?: Array<{ sha: string; time: OpsDeckInstant }>;
  /** Id (same source) of the deployment this one reverts. */
  rollbackOf?: string;
  /** An unplanned fix. */
  rework?: boolean;
  /** Link back to the provider (http or https). */
  url?: string;
  /** What people call it. */
  title?: string;
  /** When the provider says this update happened; orders updates of one deployment. */
  at?: OpsDeckInstant;
}

/**
 * An incident (or an update of one) read from a webhook.
 *
 * @public
 */
export interface OpsDeckWebhookIncident {
  /** The provider's id; the record key is `<source id>:<id>`. */
  id: string;
  /** The service, by an annotation it carries. */
  service: OpsDeckAnnotationRef;
  /** When it opened. */
  openedAt: OpsDeckInstant;
  /** `null` reopens the incident. */
  resolvedAt?: OpsDeckInstant | null;
  /** Provider severity (P1–P5, critical…info, sev1–sev5). */
  severity?: string;
  /** Environment name, when the provider reports one. */
  environment?: string;
  /** An alert rather than an incident (counts only with `opsdeck.dora.incidents.includeAlerts`). */
  isAlert?: boolean;
  /** Link back to the provider (http or https). */
  url?: string;
  /** What people call it. */
  title?: string;
  /** When the provider says this update happened; orders updates of one incident. */
  at?: OpsDeckInstant;
}

/**
 * A push to a repository: where a deployment's changes come from when its event does not list
 * them (OpsDeck walks `before` → `after` back from the deployed commit).
 *
 * @public
 */
export interface OpsDeckWebhookPush {
  /** The repository, as the annotation that maps it (e.g. `github.com/project-slug`). */
  repository: OpsDeckAnnotationRef;
  /** Commit SHA the branch pointed at before the push (all zeros for a new branch). */
  before: string;
  /** Commit SHA it points at after the push. */
  after: string;
  /** A force-push rewrote history: the walk stops here. */
  forced?: boolean;
  /** The pushed commits with their commit times. */
  commits: Array<{ sha: string; time: OpsDeckInstant }>;
}

/**
 * What a delivery means to OpsDeck. Empty (or `ignored` set) → the delivery is stored as
 * quarantined with that reason and still answered 2xx.
 *
 * @public
 */
export interface OpsDeckWebhookNormalized {
  /** Deployment updates. */
  deployments?: OpsDeckWebhookDeployment[];
  /** Incident updates. */
  incidents?: OpsDeckWebhookIncident[];
  /** Pushes (where deployments' changes come from). */
  pushes?: OpsDeckWebhookPush[];
  /** Why nothing in it is used (e.g. `event ping is not used`). */
  ignored?: string;
}

/**
 * Imports past history from a provider's REST API (`POST /api/opsdeck/admin/backfill`), as
 * the same normalised shape webhooks produce, so records match those webhooks create.
 *
 * @public
 */
export interface OpsDeckWebhookBackfill {
  /** The annotation whose values name what to import (e.g. `github.com/project-slug`). */
  annotation: string;
  /** Yields one page of records at a time for one annotation value, newest first is fine. */
  run(options: {
    /** The annotation value, e.g. `acme/checkout`. */
    target: string;
    /** Import what happened at or after this instant. */
    since: Date;
    /** Aborted when the backend shuts down. */
    signal?: AbortSignal;
  }): AsyncIterable<OpsDeckWebhookNormalized>;
}

/**
 * How a source proves a delivery is authentic.
 * - `signature`: the source's {@link OpsDeckWebhookSource.verify} checks a signature or shared
 *   secret over the raw bytes; the route is open to unauthenticated callers.
 * - `backstage-token`: the caller sends a Backstage token (`backend.auth.externalAccess`),
 *   allowed the `opsdeck.events.create` permission, checked before the body is read.
 *
 * @public
 */
export type OpsDeckWebhookAuthentication = 'signature' | 'backstage-token';

/**
 * An event from Backstage's events system (`@backstage/plugin-events-node`), as a subscriber
 * receives it.
 *
 * @public
 */
export interface OpsDeckWebhookEvent {
  /** The topic it was published on, e.g. `github.push`. */
  topic: string;
  /** The parsed body. */
  payload: unknown;
  /** The HTTP headers it arrived with; an events bus between replicas may drop them. */
  metadata?: Record<string, string | string[] | undefined>;
}

/**
 * Deliveries of a source that reach OpsDeck through Backstage's events system — published by
 * the events backend's module for the provider (which checked their signature with its own
 * settings), instead of on OpsDeck's own route. They are stored and normalised exactly like
 * direct deliveries; a delivery that arrives both ways is stored once.
 *
 * @public
 */
export interface OpsDeckWebhookSourceEvents {
  /** The topics to subscribe to, e.g. `github.deployment_status` and `github.push`. */
  topics: string[];
  /**
   * The delivery an event came from: the headers {@link OpsDeckWebhookSource.normalize} reads
   * (from the metadata; from the topic when a bus dropped it) and the provider's delivery id
   * when the event carries it (else the body's hash names it).
   */
  request(event: OpsDeckWebhookEvent): {
    headers: Record<string, string | string[] | undefined>;
    deliveryId?: string;
  };
}

/**
 * A source of webhooks (GitHub, GitLab, Argo CD, PagerDuty, Opsgenie…), added by a backend module.
 * `POST /api/opsdeck/webhooks/{id}` routes deliveries to it.
 *
 * @public
 */
export interface OpsDeckWebhookSource {
  /** The `{source}` path segment, e.g. `github`. Lower case letters, digits and dashes. */
  id: string;
  /** Default `signature`. */
  authentication?: OpsDeckWebhookAuthentication;
  /**
   * Headers that carry secrets beyond the usual ones (Authorization, tokens, signatures), so
   * they are never stored — e.g. a configurable shared-secret header.
   */
  secretHeaders?: string[];
  /**
   * Checks the delivery's authenticity over the raw bytes, before anything is parsed
   * (for `backstage-token` sources, only names the delivery).
   * Throws `AuthenticationError` when it is not authentic; returns the provider's delivery id,
   * which makes redeliveries idempotent.
   */
  verify(request: OpsDeckWebhookRequest): Promise<{ deliveryId: string }>;
  /**
   * Reads a stored, authentic delivery. Must not throw for payloads it does not use — return
   * `ignored` instead; a throw also quarantines the delivery, with the error as the reason.
   */
  normalize(delivery: OpsDeckWebhookDelivery): OpsDeckWebhookNormalized;
  /** Present when the source can import history (an API token is configured). */
  backfill?: OpsDeckWebhookBackfill;
  /** Present when the source's deliveries can also arrive through Backstage's events system. */
  events?: OpsDeckWebhookSourceEvents;
  /**
   * The annotation keys this source's deployments and incidents name services by
   * (`service.annotation`), when they are not OpsDeck's well-known ones (`github.com/project-slug`,
   * `pagerduty.com/service-id`…): OpsDeck indexes them to map deliveries to Components, and
   * counts them in coverage as "Deployment events" or "Incidents".
   */
  annotations?: {
    deployments?: string[];
    incidents?: string[];
  };
}

/**
 * Lets backend modules add webhook sources to OpsDeck.
 *
 * @public
 */
export interface OpsDeckWebhookSourcesExtensionPoint {
  /** Adds sources; ids must be unique across all modules. */
  addWebhookSource(...sources: OpsDeckWebhookSource[]): void;
}

/**
 * The extension point for webhook sources.
 *
 * @public
 */
export const opsdeckWebhookSourcesExtensionPoint =
  createExtensionPoint<OpsDeckWebhookSourcesExtensionPoint>({
    id: 'opsdeck.webhook-sources',
  });
