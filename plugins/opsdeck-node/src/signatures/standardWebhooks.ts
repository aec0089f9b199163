import { createHmac, timingSafeEqual } from 'node:crypto';

/** Standard Webhooks' default tolerance: 5 minutes either way. */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Checks a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<base64> …`) over the raw body bytes, in constant time; the timestamp
 * must lie within 5 minutes of now. Secrets are `whsec_<base64>` (or raw base64). Computed here
 * over the exact bytes — the `standardwebhooks` package decodes the body as a string first.
 *
 * @public
 */
export function standardWebhookMatches(options: {
  secrets: readonly string[];
  rawBody: Buffer;
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  /** Seconds since the epoch; default now. */
  now?: number;
}): boolean {
  const { secrets, rawBody, id, timestamp, signature } = options;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) {
    return false;
  }
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const candidates = signature
    .split(' ')
    .filter(s => s.startsWith('v1,'))
    .map(s => Buffer.from(s.slice(3), 'base64'))
    .filter(b => b.length === 32);
  let matched = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${id}.${timestamp}.`)
      .update(rawBody)
      .digest();
    for (const candidate of candidates) {
      matched = timingSafeEqual(expected, candidate) || matched;
    }
  }
  return matched;
}
