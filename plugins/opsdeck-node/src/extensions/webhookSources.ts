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
 * A source of webhooks (GitHub, GitLab, Argo CD, PagerDuty, Opsgenie…), added by a backend module.
 * `POST /api/opsdeck/webhooks/{id}` routes deliveries to it.
 *
 * @public
 */
export interface OpsDeckWebhookSource {
  /** The `{source}` path segment, e.g. `github`. Lower case letters, digits and dashes. */
  id: string;
  /**
   * Checks the delivery's authenticity over the raw bytes, before anything is parsed.
   * Throws `AuthenticationError` when it is not authentic; returns the provider's delivery id,
   * which makes redeliveries idempotent.
   */
  verify(request: OpsDeckWebhookRequest): Promise<{ deliveryId: string }>;
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
