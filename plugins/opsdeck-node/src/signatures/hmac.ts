import { AuthenticationError } from '@backstage/errors';
import { requireWebhookHeader } from '../webhooks/helpers';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks an HMAC signature computed over the raw request bytes, in constant time.
 * Several secrets may be valid at once (rotation); the signature header may carry several
 * candidates (PagerDuty's `v1=…,v1=…`). Any match is enough. Malformed input is simply no match.
 *
 * @public
 */
export function hmacSignatureMatches(options: {
  algorithm: 'sha256' | 'sha1';
  secrets: readonly string[];
  rawBody: Buffer;
  /** Candidate signatures without their prefix, hex-encoded. */
  signatures: readonly string[];
}): boolean {
  const { algorithm, secrets, rawBody, signatures } = options;
  const hexLength = algorithm === 'sha256' ? 64 : 40;
  const candidates = signatures
    .map(s => s.trim().toLowerCase())
    .filter(s => s.length === hexLength && /^[0-9a-f]+$/.test(s))
    .map(s => Buffer.from(s, 'hex'));
  let matched = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = createHmac(algorithm, secret).update(rawBody).digest();
    for (const candidate of candidates) {
      // No early exit: every pair is compared, so timing does not reveal which one matched.
      matched = timingSafeEqual(expected, candidate) || matched;
    }
  }
  return matched;
}

/**
 * Splits a signature header such as `sha256=abc` or `v1=abc,v1=def` into the values that carry
 * the given prefix.
 *
 * @public
 */
export function parseSignatureHeader(
  header: string | string[] | undefined,
  prefix: string,
): string[] {
  return [header ?? []]
    .flat()
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(v => v.startsWith(prefix))
    .map(v => v.slice(prefix.length));
}

/**
 * Checks a signature header that carries hex HMAC-SHA256 values of the raw body after a prefix
 * (`X-Hub-Signature-256: sha256=…`, `X-PagerDuty-Signature: v1=…,v1=…`) against every
 * configured secret, in constant time; throws an `AuthenticationError` naming the header when
 * the header is missing or nothing matches.
 *
 * @public
 */
export function requireHmacSignature(options: {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  header: string;
  prefix: string;
  secrets: readonly string[];
}): void {
  const header = requireWebhookHeader(options.headers, options.header);
  const matches = hmacSignatureMatches({
    algorithm: 'sha256',
    secrets: options.secrets,
    rawBody: options.rawBody,
    signatures: parseSignatureHeader(header, options.prefix),
  });
  if (!matches) {
    throw new AuthenticationError(
      `${options.header} does not match the body for any configured secret`,
    );
  }
}
