import type { ProviderHttpClient } from './providerHttp';

/**
 * Every page's body of a paged list, following `Link: rel="next"` (GitHub, GitLab); `query`
 * goes with the first request only (the next links carry it).
 *
 * @public
 */
export async function* everyPage<T = unknown>(
  client: ProviderHttpClient,
  path: string,
  query: Record<string, string | string[] | undefined> = {},
  signal?: AbortSignal,
): AsyncIterable<T> {
  let next: string | undefined = path;
  let first = true;
  while (next) {
    const page: { body: T; next?: string } = await client.getPage<T>(
      next,
      first ? query : {},
      signal,
    );
    first = false;
    yield page.body;
    next = page.next;
  }
}

/**
 * The `rel="next"` URL of a `Link` header (RFC 8288), e.g. GitHub's and GitLab's pagination.
 *
 * @public
 */
export function nextLink(link: string | null | undefined): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (
      m &&
      /(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2])
    ) {
      return m[1];
    }
  }
  return undefined;
}
