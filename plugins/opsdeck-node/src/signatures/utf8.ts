const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The body as text, only when its bytes are exactly UTF-8 (a byte order mark kept), so that
 * text encodes back to the very same bytes. Signature libraries that take the body as a string
 * sign that string's UTF-8 encoding: for any other body two different byte sequences could
 * decode to the same string, so such a body is never checked, only refused.
 *
 * @public
 */
export function exactUtf8(rawBody: Buffer): string | undefined {
  try {
    return decoder.decode(rawBody);
  } catch {
    return undefined;
  }
}
