import { Config } from '@backstage/config';
import { AuthenticationError, InputError } from '@backstage/errors';
import { toSafeHttpUrl } from '@opsdeck/backstage-plugin-common';
import { createHash } from 'node:crypto';

/**
 * The first value of a header (Node lower-cases header names).
 *
 * @public
 */
export function webhookHeader(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The same header, or an `AuthenticationError` naming it when it is missing — webhook
 * authenticity failures are 401s, never 400s (providers disable hooks that get 4xx).
 *
 * @public
 */
export function requireWebhookHeader(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string {
  const value = webhookHeader(headers, name);
  if (!value) throw new AuthenticationError(`Missing ${name} header`);
  return value;
}

/**
 * A webhook source's settings under `opsdeck.webhooks.<source>`.
 *
 * @public
 */
export interface OpsDeckWebhookSettings {
  /** Valid secrets (more than one during rotation); empty when none is configured. */
  secrets: string[];
  /** Header that carries a shared secret, when the source lets it be chosen. */
  header?: string;
  /** The whole `opsdeck.webhooks.<source>` block, for source-specific keys. */
  config?: Config;
}

/**
 * Reads `opsdeck.webhooks.<source>.{secrets, header}`; `secret` (one string) is accepted too.
 *
 * @public
 */
export function readWebhookSettings(
  config: Config,
  source: string,
): OpsDeckWebhookSettings {
  const block = config.getOptionalConfig(`opsdeck.webhooks.${source}`);
  if (!block) return { secrets: [] };
  const secrets = [
    ...(block.getOptionalStringArray('secrets') ?? []),
    ...[block.getOptionalString('secret') ?? []].flat(),
  ].filter(s => s.length > 0);
  return {
    secrets,
    header: block.getOptionalString('header')?.toLowerCase(),
    config: block,
  };
}

/**
 * Throws the `AuthenticationError` every delivery gets while a source has no secret.
 *
 * @public
 */
export function requireSecrets(
  settings: OpsDeckWebhookSettings,
  source: string,
) {
  if (!settings.secrets.length) {
    throw new AuthenticationError(
      `OpsDeck has no secret for ${source} webhooks; set opsdeck.webhooks.${source}.secrets`,
    );
  }
}

/**
 * Parses a stored delivery's JSON body (normalisers call it; a throw quarantines the delivery).
 *
 * @public
 */
export function parseWebhookJson(rawBody: Buffer): any {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new InputError(`body is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The first candidate that is an absolute http(s) URL (providers send empty strings and other
 * schemes; OpsDeck only ever links http and https) — by the same rule as every other OpsDeck
 * link, `toSafeHttpUrl` from `-common`.
 *
 * @public
 */
export function firstHttpUrl(...candidates: unknown[]): string | undefined {
  return candidates.map(toSafeHttpUrl).find(url => url !== undefined);
}

/**
 * A delivery id for providers that send none: the body's SHA-256, so a resent delivery (the
 * same bytes) is a duplicate.
 *
 * @public
 */
export function deliveryIdOfBody(rawBody: Buffer): string {
  return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

/**
 * A string field of a provider payload, or undefined when absent or not a non-empty string.
 *
 * @public
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
