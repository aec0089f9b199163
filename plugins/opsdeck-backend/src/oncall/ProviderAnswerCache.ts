import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { ProviderHttpError } from '@opsdeck/backstage-plugin-node';
import { createHash } from 'node:crypto';

const DAY = 86_400_000;

type Entry<T> = { value: T; fetchedAt: number; freshUntil: number };

/** A provider answer and how fresh it is. @internal */
export type CachedAnswer<T> = { value: T; asOf: number; stale: boolean };

/**
 * Provider answers in Backstage's cache service. An answer is fresh for its TTL, or until the
 * earliest hand-off it reports if that is sooner; it is kept for `keepMs` after that as the
 * last-known answer. Concurrent misses for one key in this process share one provider call.
 * When a refresh fails transiently, or takes longer than `graceMs` while an older answer is
 * known, the older answer is returned marked stale (the refresh goes on and fills the cache).
 * Requests joining a running refresh wait only briefly, and after a transient failure the key
 * is not asked again for a pause (the provider's Retry-After, else min(TTL, 5 s)).
 *
 * @internal
 */
export class ProviderAnswerCache {
  private readonly inflight = new Map<string, Promise<Entry<JsonValue>>>();
  /** When each in-flight refresh started: one already slower than the grace is not waited for. */
  private readonly inflightSince = new Map<string, number>();
  /** Keys whose last refresh failed transiently, and until when not to ask again. */
  private readonly failedUntil = new Map<string, number>();
  private readonly joinGraceMs: number;
  private readonly cache: CacheService;
  private readonly graceMs: number;
  private readonly keepMs: number;
  private readonly loadTimeoutMs: number;
  private readonly now: () => number;

  constructor(options: {
    cache: CacheService;
    graceMs?: number;
    keepMs?: number;
    /** A provider call still running after this is abandoned (the next request starts anew). */
    loadTimeoutMs?: number;
    /** How long requests joining a running refresh wait for it; default 150 ms. */
    joinGraceMs?: number;
    now?: () => number;
  }) {
    this.loadTimeoutMs = options.loadTimeoutMs ?? 20_000;
    this.joinGraceMs = options.joinGraceMs ?? 150;
    this.cache = options.cache;
    this.graceMs = options.graceMs ?? 1_500;
    this.keepMs = options.keepMs ?? 7 * DAY;
    this.now = options.now ?? Date.now;
  }

  /** A cache key from its parts; long values are hashed. */
  static key(...parts: string[]) {
    const raw = parts.join('\u0000');
    return `oncall:v1:${createHash('sha256').update(raw).digest('hex')}`;
  }

  async get<T extends JsonValue>(
    key: string,
    options: {
      ttlMs: number;
      load: () => Promise<T>;
      /** Hand-off instants in the answer (ms); the answer goes stale at the earliest future one. */
      handoffsOf?: (value: T) => number[];
    },
  ): Promise<CachedAnswer<T>> {
    const known = await this.read<T>(key);
    if (known && this.now() < known.freshUntil) {
      return { value: known.value, asOf: known.fetchedAt, stale: false };
    }
    const staleAnswer = known && {
      value: known.value,
      asOf: known.fetchedAt,
      stale: true,
    };
    // The provider failed a moment ago: answer from what we know without asking again yet.
    if (staleAnswer && (this.failedUntil.get(key) ?? 0) > this.now()) {
      return staleAnswer;
    }
    const since = this.inflightSince.get(key);
    const refresh = this.refresh(key, options) as Promise<Entry<T>>;
    if (!staleAnswer) {
      const entry = await refresh;
      return { value: entry.value, asOf: entry.fetchedAt, stale: false };
    }
    // The request that starts a refresh waits up to the grace period; requests joining a
    // running one wait only up to `joinGraceMs` after it started.
    const wait =
      since === undefined
        ? this.graceMs
        : this.joinGraceMs - (this.now() - since);
    if (wait <= 0) return staleAnswer;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<CachedAnswer<T>>(resolve => {
      timer = setTimeout(() => resolve(staleAnswer), wait);
    });
    try {
      return await Promise.race([
        refresh.then(entry => ({
          value: entry.value,
          asOf: entry.fetchedAt,
          stale: false,
        })),
        grace,
      ]);
    } catch (error) {
      if (error instanceof ProviderHttpError && !error.transient) throw error;
      return staleAnswer;
    } finally {
      clearTimeout(timer);
    }
  }

  private async withDeadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ProviderHttpError(
              `no answer within ${this.loadTimeoutMs / 1000} s`,
            ),
          ),
        this.loadTimeoutMs,
      );
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read<T>(key: string): Promise<Entry<T> | undefined> {
    try {
      return (await this.cache.get(key)) as Entry<T> | undefined;
    } catch {
      return undefined; // a cache outage must not take on-call down with it
    }
  }

  /** One provider call per key at a time in this process; the others wait for it. */
  private refresh<T extends JsonValue>(
    key: string,
    options: {
      ttlMs: number;
      load: () => Promise<T>;
      handoffsOf?: (value: T) => number[];
    },
  ): Promise<Entry<T>> {
    const running = this.inflight.get(key);
    if (running) return running as Promise<Entry<T>>;
    const started = (async () => {
      // Another request may have filled the cache between our read and now.
      const again = await this.read<T>(key);
      if (again && this.now() < again.freshUntil) return again;
      let value: T;
      try {
        value = await this.withDeadline(options.load());
      } catch (error) {
        if (error instanceof ProviderHttpError && error.transient) {
          const pause = Math.max(
            error.retryAfterMs ?? 0,
            Math.min(options.ttlMs, 5_000),
          );
          this.failedUntil.set(key, this.now() + pause);
        }
        throw error;
      }
      this.failedUntil.delete(key);
      const fetchedAt = this.now();
      const nextHandoff = Math.min(
        ...(options.handoffsOf?.(value) ?? []).filter(t => t > fetchedAt),
      );
      const entry: Entry<T> = {
        value,
        fetchedAt,
        freshUntil: Math.min(fetchedAt + options.ttlMs, nextHandoff),
      };
      await this.cache
        .set(key, entry as unknown as JsonValue, { ttl: this.keepMs })
        .catch(() => undefined);
      return entry;
    })();
    this.inflight.set(key, started as Promise<Entry<JsonValue>>);
    this.inflightSince.set(key, this.now());
    const forget = () => {
      this.inflight.delete(key);
      this.inflightSince.delete(key);
    };
    started.then(forget, forget);
    // A refresh that outlives its callers (grace period) must not be an unhandled rejection.
    started.catch(() => undefined);
    return started;
  }
}
