import { nextLink } from './paging';
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IBackoff,
  IBackoffFactory,
  IRetryBackoffContext,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';

/**
 * A provider API call that failed. `transient` failures (network, timeout, 408, 429, 5xx) may
 * be answered from the last-known value; the others (a wrong id, a revoked token) may not.
 *
 * @public
 */
export class ProviderHttpError extends Error {
  /** Always `ProviderHttpError`. */
  override name = 'ProviderHttpError';
  constructor(
    message: string,
    /** The HTTP status, absent for network errors and timeouts. */
    readonly status?: number,
    /** How long the provider asked us to wait (Retry-After or its rate-limit reset). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Worth retrying later, or answering from the last-known value. */
  get transient(): boolean {
    return (
      this.status === undefined ||
      this.status === 408 ||
      this.status === 429 ||
      this.status >= 500
    );
  }
}

/**
 * Options of {@link createProviderHttpClient}.
 *
 * @public
 */
export interface ProviderHttpClientOptions {
  /** Provider name used in error messages, e.g. `PagerDuty`. */
  provider: string;
  /** e.g. `https://api.pagerduty.com`; paths are appended to it. */
  baseUrl: string;
  /** The `Authorization` header value; called before every request. */
  authorization(): Promise<string>;
  /** Called once after a 401 before the request is retried (e.g. drop a cached OAuth token). */
  onUnauthorized?(): void;
  /** Extra request headers (e.g. PagerDuty's versioned `Accept`). */
  headers?: Record<string, string>;
  /** Per-attempt timeout; default 3 000 ms. */
  timeoutMs?: number;
  /** Deadline for a call including its retries; default 8 000 ms. */
  deadlineMs?: number;
  /** Attempts per call including the first; default 3. */
  maxAttempts?: number;
  /** A 429 that asks for a longer wait is not retried but remembered; default 2 000 ms. */
  maxRetryWaitMs?: number;
  /** Consecutive transient failures that open the circuit; default 5. */
  breakerThreshold?: number;
  /** How long an open circuit fails fast before one trial call; default 15 000 ms. */
  breakerHalfOpenAfterMs?: number;
  /** For tests; default the global fetch. */
  fetch?: typeof fetch;
}

/**
 * A provider API client made by {@link createProviderHttpClient}.
 *
 * @public
 */
export interface ProviderHttpClient {
  /** GET `path` (relative to the base URL) with repeated query values for arrays. */
  getJson<T = unknown>(
    path: string,
    query?: Record<string, string | string[] | undefined>,
  ): Promise<T>;
  /**
   * GET one page: `path` relative to the base URL, or the `next` of the previous page. `next`
   * is the `Link: <…>; rel="next"` URL (GitHub, GitLab), only when it stays on the base URL's
   * origin — a provider cannot send the client, and its credentials, elsewhere.
   */
  getPage<T = unknown>(
    pathOrNext: string,
    query?: Record<string, string | string[] | undefined>,
    /** Cancels the call, its retries and their waits (e.g. a backfill on shutdown). */
    signal?: AbortSignal,
  ): Promise<{ body: T; next?: string }>;
}

/**
 * Settings of a provider client for long imports (backfill): a slow page may take 30 s, a rate
 * limit is waited out up to 15 minutes (GitHub's primary limit resets hourly, its secondary one
 * asks for minutes), and more attempts are made before a page counts as failed.
 *
 * @public
 */
export const BACKFILL_HTTP_OPTIONS = {
  timeoutMs: 30_000,
  deadlineMs: 60 * 60_000,
  maxAttempts: 8,
  maxRetryWaitMs: 15 * 60_000,
  breakerThreshold: 8,
  breakerHalfOpenAfterMs: 60_000,
} satisfies Partial<ProviderHttpClientOptions>;

/**
 * Whether a 403 is GitHub's rate limit rather than a refusal: its primary limit
 * (`x-ratelimit-remaining: 0`) or its secondary one (`retry-after`).
 */
const isRateLimit403 = (res: Response) =>
  res.status === 403 &&
  (res.headers.get('x-ratelimit-remaining') === '0' ||
    res.headers.has('retry-after'));

/**
 * When a provider's 429 (or 503) says to come back: `Retry-After` (seconds or an HTTP date),
 * PagerDuty's `ratelimit-reset` (seconds), or `X-RateLimit-Reset` (epoch seconds or seconds).
 *
 * @public
 */
export function readRetryAfterMs(
  headers: Headers,
  now = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset =
    headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset && Number.isFinite(Number(reset))) {
    const value = Number(reset);
    // Values this large are epoch seconds, not a delay.
    return Math.max(0, value > 1e9 ? value * 1000 - now : value * 1000);
  }
  return undefined;
}

/** Exponential backoff with jitter, but never shorter than what the provider asked for. */
class RetryAfterBackoff
  implements IBackoffFactory<IRetryBackoffContext<unknown>>
{
  constructor(private readonly inner: IBackoffFactory<unknown>) {}

  next(
    context: IRetryBackoffContext<unknown>,
  ): IBackoff<IRetryBackoffContext<unknown>> {
    const backoff = this.inner.next(context);
    const asked =
      'error' in context.result &&
      context.result.error instanceof ProviderHttpError
        ? context.result.error.retryAfterMs ?? 0
        : 0;
    const following = new RetryAfterBackoff(backoff);
    return {
      duration: Math.max(backoff.duration, asked),
      next: c => following.next(c),
    };
  }
}

/**
 * Lets go of a response body we will not read (not awaited: some fetch implementations only
 * settle the cancel once the stream is drained).
 *
 * @public
 */
export function discard(res: Response): void {
  res.body?.cancel().catch(() => undefined);
}

const describe = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * An HTTP client for on-call provider APIs: a timeout per attempt, bounded retries with
 * jittered exponential backoff for transient failures (honouring `Retry-After` and rate-limit
 * resets up to `maxRetryWaitMs`), a rate-limit window that fails fast without calling the
 * provider until its reset, a circuit breaker that fails fast while the provider is down, and
 * one token refresh after a 401. Error messages never contain the authorization header.
 *
 * @public
 */
export function createProviderHttpClient(
  options: ProviderHttpClientOptions,
): ProviderHttpClient {
  const {
    provider,
    timeoutMs = 3_000,
    deadlineMs = 8_000,
    maxAttempts = 3,
    maxRetryWaitMs = 2_000,
    breakerThreshold = 5,
    breakerHalfOpenAfterMs = 15_000,
  } = options;
  const doFetch = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let rateLimitedUntil = 0;

  const isTransient = (error: Error) =>
    error instanceof TaskCancelledError ||
    (error instanceof ProviderHttpError && error.transient);
  const isRetryable = (error: Error) =>
    isTransient(error) &&
    !(error instanceof ProviderHttpError && error.status === 429
      ? (error.retryAfterMs ?? 0) > maxRetryWaitMs
      : false);
  const policy = wrap(
    timeout(deadlineMs, TimeoutStrategy.Aggressive),
    retry(handleWhen(isRetryable), {
      maxAttempts: maxAttempts - 1,
      backoff: new RetryAfterBackoff(
        new ExponentialBackoff({ initialDelay: 100, maxDelay: 1_000 }),
      ),
    }),
    circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(breakerThreshold),
    }),
    timeout(timeoutMs, TimeoutStrategy.Aggressive),
  );

  const origin = new URL(baseUrl).origin;
  const sameOrigin = (next: string | undefined) => {
    if (!next) return undefined;
    try {
      return new URL(next).origin === origin ? next : undefined;
    } catch {
      return undefined;
    }
  };

  const attempt = async (
    url: string,
    signal: AbortSignal,
  ): Promise<{ body: any; next?: string }> => {
    const wait = rateLimitedUntil - Date.now();
    if (wait > 0) {
      throw new ProviderHttpError(
        `${provider} rate limit: not calling it again for ${Math.ceil(
          wait / 1000,
        )} s`,
        429,
        wait,
      );
    }
    const send = async () => {
      // An empty authorization (an endpoint without auth) sends no header at all.
      const authorization = await options.authorization();
      return doFetch(url, {
        headers: {
          Accept: 'application/json',
          ...options.headers,
          ...(authorization ? { Authorization: authorization } : {}),
        },
        signal,
      });
    };
    let res: Response;
    try {
      res = await send();
      if (res.status === 401 && options.onUnauthorized) {
        discard(res);
        options.onUnauthorized();
        res = await send();
      }
    } catch (error) {
      if (error instanceof ProviderHttpError) throw error;
      throw new ProviderHttpError(
        `${provider} did not answer: ${describe(error)}`,
      );
    }
    const where = url.replace(/\?.*$/, '');
    if (!res.ok) {
      discard(res);
      const asked = readRetryAfterMs(res.headers);
      // GitHub answers its rate limits with 403 as often as with 429: both are waits.
      const status = isRateLimit403(res) ? 429 : res.status;
      if (status === 429) {
        // GitHub asks for at least a minute when its secondary limit names no time.
        rateLimitedUntil =
          Date.now() + (asked ?? (res.status === 403 ? 60_000 : 1_000));
      }
      throw new ProviderHttpError(
        `${provider} answered ${res.status} ${res.statusText} for ${where}${
          status === 429 && res.status === 403 ? ' (rate limit)' : ''
        }`,
        status,
        asked,
      );
    }
    try {
      return {
        body: await res.json(),
        next: sameOrigin(nextLink(res.headers.get('link'))),
      };
    } catch (error) {
      throw new ProviderHttpError(
        `${provider} sent a body that is not JSON for ${where}: ${describe(
          error,
        )}`,
        502,
      );
    }
  };

  const get = async (
    pathOrNext: string,
    query: Record<string, string | string[] | undefined>,
    signal?: AbortSignal,
  ) => {
    const absolute = /^https?:\/\//i.test(pathOrNext);
    if (absolute && !sameOrigin(pathOrNext)) {
      throw new ProviderHttpError(
        `${provider}: not following a link away from ${origin}`,
        400,
      );
    }
    const url = new URL(absolute ? pathOrNext : `${baseUrl}${pathOrNext}`);
    for (const [key, value] of Object.entries(query)) {
      for (const v of [value ?? []].flat()) url.searchParams.append(key, v);
    }
    try {
      return await policy.execute(
        ({ signal: attemptSignal }) => attempt(url.toString(), attemptSignal),
        signal,
      );
    } catch (error) {
      if (error instanceof TaskCancelledError) {
        throw new ProviderHttpError(
          `${provider} did not answer in time (${timeoutMs} ms per attempt, ${deadlineMs} ms in all)`,
        );
      }
      if (error instanceof BrokenCircuitError) {
        throw new ProviderHttpError(
          `${provider} is failing; not calling it for up to ${Math.ceil(
            breakerHalfOpenAfterMs / 1000,
          )} s`,
        );
      }
      throw error;
    }
  };

  return {
    async getJson(path, query = {}) {
      return (await get(path, query)).body;
    },
    getPage: (pathOrNext, query = {}, signal) => get(pathOrNext, query, signal),
  };
}
