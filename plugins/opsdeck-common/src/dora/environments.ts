/**
 * Default names of production environments.
 *
 * @public
 */
export const DEFAULT_PRODUCTION_ENVIRONMENTS = ['production', 'prod'];

/**
 * A matcher for `opsdeck.dora.productionEnvironments`: case-insensitive globs over the whole
 * environment name (`*` any run of characters, `?` one character). `production` does not match
 * `production-eu`; `production*` does.
 *
 * @public
 */
export function createEnvironmentMatcher(
  patterns: readonly string[] = DEFAULT_PRODUCTION_ENVIRONMENTS,
): (environment: string) => boolean {
  const regexes = patterns.map(
    pattern =>
      new RegExp(
        `^${pattern
          .split('')
          .map(ch => {
            if (ch === '*') return '.*';
            if (ch === '?') return '.';
            return ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
          })
          .join('')}$`,
        'i',
      ),
  );
  return environment => regexes.some(re => re.test(environment));
}
