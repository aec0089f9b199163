import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** Default for `opsdeck.retention.rawDeliveries`: 30 days. */
const DEFAULT_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * How long raw deliveries are kept (`opsdeck.retention.rawDeliveries`), ms. Their normalised
 * events stay; only the bytes as received are purged.
 *
 * @internal
 */
export function readRetention(config: Config): number {
  const key = 'opsdeck.retention.rawDeliveries';
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : DEFAULT_RETENTION_MS;
}
