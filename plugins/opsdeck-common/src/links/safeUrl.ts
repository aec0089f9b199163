/**
 * Returns the URL if it is an absolute `http:` or `https:` URL, else `undefined`.
 * OpsDeck renders nothing else as a link: `javascript:`, `data:` and relative values are dropped.
 *
 * @public
 */
export function toSafeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = value.trim();
  // Checked on the literal text as well as the parsed URL, so that no parser leniency
  // (leading control characters, odd casing) can smuggle in another scheme.
  if (!/^https?:\/\//i.test(trimmed)) {
    return undefined;
  }
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.toString()
      : undefined;
  } catch {
    return undefined;
  }
}
