import { DoraOptions, computeDoraMetrics } from './metrics';
import { DoraDeployment, DoraIncident, DoraInput } from './types';

/** Test helpers: instants and terse record builders. Not exported from the package. */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Monday 2026-01-05 00:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5);
export const WEEK = { from: T0, to: T0 + 7 * DAY };

export function deployment(
  key: string,
  finishedAt: number | undefined,
  more: Partial<DoraDeployment> = {},
): DoraDeployment {
  return {
    key,
    service: 'checkout',
    environment: 'production',
    status: 'success',
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...more,
  };
}

export function incident(
  key: string,
  openedAt: number,
  more: Partial<DoraIncident> = {},
): DoraIncident {
  return { key, service: 'checkout', openedAt, ...more };
}

/** The metrics of `input` for a window (default: the week from T0), as the golden fixtures read them. */
export const compute = (
  input: DoraInput,
  window = WEEK,
  extra: Partial<DoraOptions> = {},
) => computeDoraMetrics(input, { window, ...extra });
