import { DAY_MS, startOfUtcDay } from '@opsdeck/backstage-plugin-common';

/** The windows the selectors offer, in days. */
export const WINDOW_DAYS = [30, 90, 180] as const;

/** One of {@link WINDOW_DAYS}. */
export type WindowDays = (typeof WINDOW_DAYS)[number];

/** The last N whole UTC days up to the next 00:00 UTC, as the API's `from`/`to`. */
export function lastDays(days: number, now = Date.now()) {
  const to = startOfUtcDay(now) + DAY_MS;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { from: iso(to - days * DAY_MS), to: iso(to) };
}
