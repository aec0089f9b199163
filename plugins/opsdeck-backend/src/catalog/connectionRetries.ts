import { CatalogService } from '@backstage/plugin-catalog-node';
import { ConstantBackoff, handleWhen, retry } from 'cockatiel';

/** Codes of a connection that broke before an answer: the request never reached the catalog. */
const BROKEN = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED']);

/** The error, or the error it wraps, is a connection that broke (e.g. "socket hang up"). */
export function isBrokenConnection(error: unknown): boolean {
  for (let e = error as any, depth = 0; e && depth < 3; e = e.cause, depth++) {
    if (BROKEN.has(e.code) || BROKEN.has(e.errno)) return true;
  }
  return false;
}

/**
 * The catalog, with reads tried again (twice, 20 ms apart) when the connection to it broke
 * before an answer. Under load, a pooled keep-alive connection can be closed by the server just
 * as a request is sent on it ("socket hang up"); the read is safe to repeat, and the user should
 * not get a 500 for it. Writes and every other error pass through unchanged.
 *
 * @internal
 */
export function withConnectionRetries(catalog: CatalogService): CatalogService {
  const policy = retry(handleWhen(isBrokenConnection), {
    maxAttempts: 2,
    backoff: new ConstantBackoff(20),
  });
  return new Proxy(catalog, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || !/^(get|query)/.test(String(name)))
        return value;
      return (...args: unknown[]) =>
        policy.execute(() => value.apply(target, args));
    },
  });
}
