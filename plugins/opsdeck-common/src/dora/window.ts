import { DoraWindow } from './types';

/** Milliseconds in a day. @public */
export const DAY_MS = 86_400_000;

/**
 * Rounds an instant down to 00:00 UTC.
 *
 * @public
 */
export function startOfUtcDay(instant: number): number {
  return Math.floor(instant / DAY_MS) * DAY_MS;
}

/**
 * The DORA window: `from`/`to` rounded down to 00:00 UTC; the default `to` is the next 00:00
 * UTC after `now`, the default `from` is `to` − 90 days. Throws when `from` is not before `to`.
 *
 * @public
 */
export function resolveDoraWindow(options: {
  now: number;
  from?: number;
  to?: number;
  defaultDays?: number;
}): DoraWindow & { days: number } {
  const to =
    options.to === undefined
      ? startOfUtcDay(options.now) + DAY_MS
      : startOfUtcDay(options.to);
  const from =
    options.from === undefined
      ? to - (options.defaultDays ?? 90) * DAY_MS
      : startOfUtcDay(options.from);
  if (from >= to) {
    throw new RangeError(
      'The window must start at least one UTC day before it ends',
    );
  }
  return { from, to, days: (to - from) / DAY_MS };
}

/**
 * The window of the same length just before this one: `[from − (to − from), from)`.
 *
 * @public
 */
export function previousWindow(window: DoraWindow): DoraWindow {
  return { from: window.from - (window.to - window.from), to: window.from };
}

/**
 * The ISO weeks (Monday 00:00 UTC) that overlap the window, each clipped to it.
 *
 * @public
 */
export function isoWeekBuckets(
  window: DoraWindow,
): Array<DoraWindow & { weekStart: number; days: number }> {
  const buckets: Array<DoraWindow & { weekStart: number; days: number }> = [];
  // 1970-01-01 was a Thursday: Monday-based weekday of a UTC day is (days + 3) mod 7.
  const firstDay = Math.floor(window.from / DAY_MS);
  let weekStart = (firstDay - ((firstDay + 3) % 7)) * DAY_MS;
  while (weekStart < window.to) {
    const from = Math.max(weekStart, window.from);
    const to = Math.min(weekStart + 7 * DAY_MS, window.to);
    buckets.push({ weekStart, from, to, days: (to - from) / DAY_MS });
    weekStart += 7 * DAY_MS;
  }
  return buckets;
}
