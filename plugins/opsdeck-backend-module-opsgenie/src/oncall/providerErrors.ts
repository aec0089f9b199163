import { ProviderHttpError } from '@opsdeck/backstage-plugin-node';

/** What to tell an admin when the provider answers a status: which setting to check. */
export type FixHints = Partial<Record<401 | 403 | 404, string>>;

/**
 * The same failure with the fix appended for the statuses that mean wrong settings (a 401 is
 * a wrong credential, not an outage); status and Retry-After are kept, so transient failures
 * stay transient.
 */
export function withFix(error: unknown, hints: FixHints): unknown {
  if (!(error instanceof ProviderHttpError)) return error;
  const hint = hints[error.status as keyof FixHints];
  return hint
    ? new ProviderHttpError(
        `${error.message}: ${hint}`,
        error.status,
        error.retryAfterMs,
      )
    : error;
}
