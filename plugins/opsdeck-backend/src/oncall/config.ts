import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

const DEFAULT_TTL_MS = 5 * 60_000;

/**
 * `opsdeck.oncall.<provider>.cacheTtl` in ms (a duration object, ISO 8601 or `5m`-style
 * string); default 5 minutes. Answers are also refreshed at the next hand-off they report.
 *
 * @internal
 */
export function readOnCallCacheTtl(config: Config, providerId: string) {
  const key = `opsdeck.oncall.${providerId}.cacheTtl`;
  if (!config.has(key)) return DEFAULT_TTL_MS;
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}
