import {
  BenchmarkSet,
  DoraAnswer,
  DoraTotals,
  DoraWindow,
  isoWeekBuckets,
  metricsFromTotals,
  previousWindow,
} from '@opsdeck/backstage-plugin-common';

/**
 * Builds a {@link DoraAnswer} from a way to total any window: the current one, the previous one,
 * then each ISO week, in that order.
 *
 * @internal
 */
export async function doraAnswer(
  window: DoraWindow,
  benchmark: BenchmarkSet,
  totalsOf: (windows: DoraWindow[]) => Promise<DoraTotals[]>,
): Promise<DoraAnswer> {
  const previous = previousWindow(window);
  const weeks = isoWeekBuckets(window);
  const totals = await totalsOf([window, previous, ...weeks]);
  const metrics = (w: DoraWindow, i: number) =>
    metricsFromTotals(totals[i], { window: w, benchmark });
  return {
    current: metrics(window, 0),
    previous: metrics(previous, 1),
    weekly: weeks.map((w, i) => ({
      weekStart: w.weekStart,
      metrics: metrics(w, i + 2),
    })),
  };
}
