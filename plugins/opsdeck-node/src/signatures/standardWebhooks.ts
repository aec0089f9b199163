import { Webhook } from 'standardwebhooks';
import { exactUtf8 } from './utf8';

/**
 * Checks a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<base64> …`) over the raw body with the `standardwebhooks` library:
 * constant-time comparison, the timestamp within 5 minutes of now. Secrets are
 * `whsec_<base64>` (or raw base64); any one may match (rotation). The library signs the body as
 * a string, so a body that is not exactly UTF-8 never matches.
 *
 * @public
 */
export function standardWebhookMatches(options: {
  secrets: readonly string[];
  rawBody: Buffer;
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}): boolean {
  const { secrets, rawBody, id, timestamp, signature } = options;
  const body = exactUtf8(rawBody);
  if (body === undefined || !id || !timestamp || !signature) return false;
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signature,
  };
  let matched = false;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, headers, { jsonParse: false });
      matched = true;
    } catch {
      // Not this secret (or a malformed secret or header): try the others.
    }
  }
  return matched;
}
