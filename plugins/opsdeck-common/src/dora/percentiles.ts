/**
 * The p-quantile of the values by linear interpolation between closest ranks: rank = p × (n − 1)
 * on the sorted values. The median of an even count is the mean of the two middle values.
 * Returns `undefined` for no values.
 *
 * @public
 */
export function percentile(
  values: readonly number[],
  p: number,
): number | undefined {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/**
 * {@link percentile} of values already sorted ascending.
 *
 * @public
 */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  p: number,
): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}
