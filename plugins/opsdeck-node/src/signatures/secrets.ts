import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented shared secret (a token header) with the configured ones in constant
 * time: both sides are hashed first, so neither the length nor the content leaks through timing.
 * Several secrets may be valid at once (rotation).
 *
 * @public
 */
export function sharedSecretMatches(
  secrets: readonly string[],
  presented: string | undefined,
): boolean {
  if (presented === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  const candidate = digest(presented);
  let matched = false;
  for (const secret of secrets) {
    if (!secret) continue;
    // No early exit: every secret is compared.
    matched = timingSafeEqual(digest(secret), candidate) || matched;
  }
  return matched;
}
