import { BurnRule, SloLookback } from '@opsdeck/backstage-plugin-common';
import { OpsDeckT } from '../../translation';
import { formatNumber } from '../shared/format';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Most decimals a percentage gets: 99.9999 % is as fine as OpenSLO targets go in practice. */
const MAX_DIGITS = 4;

const roundTo = (value: number, digits: number) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** The fewest decimals that write a share as a percentage exactly (0.999 → 1: "99.9"). */
export function percentDecimals(share: number): number {
  const percent = share * 100;
  for (let digits = 0; digits < MAX_DIGITS; digits++) {
    if (Math.abs(roundTo(percent, digits) - percent) < 1e-9) return digits;
  }
  return MAX_DIGITS;
}

/** An objective's target as a percentage, as written: 0.999 → "99.9 %". */
export function formatTarget(target: number, t: OpsDeckT): string {
  return t('units.percent', {
    value: formatNumber(target * 100, percentDecimals(target)),
  });
}

/**
 * How many decimals an SLI needs: one more than its target's (99.95 % against 99.9 %), at least
 * two, and more while rounding would hide what matters — an SLI below 100 % shown as 100 %, or
 * one below its target shown as meeting it.
 */
export function sliDecimals(sli: number, target: number): number {
  let digits = Math.max(2, percentDecimals(target) + 1);
  for (; digits < MAX_DIGITS + 2; digits++) {
    const shown = roundTo(sli * 100, digits);
    const hidesMiss = sli < 1 && shown >= 100;
    const hidesBreach = sli < target && shown >= roundTo(target * 100, digits);
    if (!hidesMiss && !hidesBreach) break;
  }
  return digits;
}

/** An SLI as a percentage with enough decimals to compare with its target: "99.95 %". */
export function formatSli(sli: number, target: number, t: OpsDeckT): string {
  return t('units.percent', {
    value: formatNumber(sli * 100, sliDecimals(sli, target)),
  });
}

/** A share of the error budget: "62.3 %", "230 %" (whole percent from 100 % on). */
export function formatBudgetShare(share: number, t: OpsDeckT): string {
  const percent = share * 100;
  return t('units.percent', {
    value: formatNumber(percent, Math.abs(percent) >= 100 ? 0 : 1),
  });
}

/** A burn rate: "0.42×", "14.4×", "230×". */
export function formatBurn(rate: number, t: OpsDeckT): string {
  let digits = 2;
  if (rate >= 100) digits = 0;
  else if (rate >= 10) digits = 1;
  return t('sloCard.burn.rate', { value: formatNumber(rate, digits) });
}

/** A count of events, whole and grouped: "4,995,012". */
export function formatCount(count: number): string {
  return formatNumber(count, 0);
}

/** A duration as people say it roughly: "11 days", "3 hours", "20 minutes". */
export function formatApproxDuration(ms: number, t: OpsDeckT): string {
  const of = (unit: 'days' | 'hours' | 'minutes', size: number) => {
    const count = Math.round(ms / size);
    return t(`sloCard.duration.${unit}`, {
      count,
      value: formatNumber(count, 0),
    });
  };
  if (ms >= 2 * DAY) return of('days', DAY);
  if (ms >= 2 * HOUR) return of('hours', HOUR);
  if (ms >= MINUTE) return of('minutes', MINUTE);
  return t('sloCard.duration.underAMinute');
}

/** An SLO's window in words: "over 28 days", "over 12 hours". */
export function formatWindow(windowMs: number, t: OpsDeckT): string {
  const over = (unit: 'days' | 'hours' | 'minutes', size: number) => {
    const count = windowMs / size;
    return t(`sloCard.window.${unit}`, {
      count,
      value: formatNumber(count, 0),
    });
  };
  if (windowMs % DAY === 0) return over('days', DAY);
  if (windowMs % HOUR === 0) return over('hours', HOUR);
  return over('minutes', MINUTE);
}

/** A burn-rate lookback in words: "5 min", "1 h", "3 days". */
export function formatLookback(lookback: SloLookback, t: OpsDeckT): string {
  return t(`sloCard.lookbacks.${lookback}`);
}

/** A provider by the name its users know: `prometheus` → "Prometheus". */
export function providerTitle(type: string): string {
  return type === 'prometheus' ? 'Prometheus' : type;
}

/** Several names as a sentence would list them: "Prometheus and Datadog". */
export function formatList(names: string[]): string {
  return new Intl.ListFormat(undefined, {
    style: 'long',
    type: 'conjunction',
  }).format(names);
}

const factorFormat = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 2,
});

/** Burn rules in words: "14.4× over both 1 h and 5 min, or 6× over both 6 h and 30 min". */
export function formatBurnRules(rules: BurnRule[], t: OpsDeckT): string {
  return new Intl.ListFormat(undefined, {
    style: 'long',
    type: 'disjunction',
  }).format(
    rules.map(rule =>
      t('sloCard.burn.rule', {
        factor: t('sloCard.burn.rate', {
          value: factorFormat.format(rule.factor),
        }),
        long: formatLookback(rule.long, t),
        short: formatLookback(rule.short, t),
      }),
    ),
  );
}
