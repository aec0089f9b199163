import { OpsDeckT } from '../../translation';
import { formatDuration, formatNumber } from '../shared/format';

const DAY = 86_400_000;

/** A multiple as people say it: one decimal below 10 when it has one ("1.5", "2"), whole above. */
export function formatMultiple(value: number): string {
  if (value >= 10) return formatNumber(Math.round(value), 0);
  const rounded = Math.round(value * 10) / 10;
  return formatNumber(rounded, Number.isInteger(rounded) ? 0 : 1);
}

/** A burn rate as "18× the sustainable rate". */
export function formatBurnRate(rate: number, t: OpsDeckT): string {
  return t('sloViews.rate', { value: formatMultiple(rate) });
}

/** An SLO's window in words: "28 days", or a duration when it is not whole days. */
export function formatSloWindow(windowMs: number, t: OpsDeckT): string {
  return windowMs % DAY === 0
    ? t('windows.days', { count: windowMs / DAY })
    : formatDuration(windowMs, t);
}

/** An objective's target as a percentage with the decimals it has ("99.9 %", "99.95 %", "99 %"). */
export function formatTarget(target: number, t: OpsDeckT): string {
  const percent = target * 100;
  const digits = [0, 1, 2, 3].find(
    d => Math.abs(Math.round(percent * 10 ** d) / 10 ** d - percent) < 1e-9,
  );
  return t('units.percent', { value: formatNumber(percent, digits ?? 3) });
}
