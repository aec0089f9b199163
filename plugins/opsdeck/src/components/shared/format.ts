import { useTranslationRef } from '@backstage/core-plugin-api/alpha';
import {
  DoraMetricName,
  DoraNullReason,
} from '@opsdeck/backstage-plugin-common';
import { useMemo } from 'react';
import { OpsDeckT, opsdeckTranslationRef } from '../../translation';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Numbers and dates go through Intl in the viewer's language (the browser's, as Backstage's
// own date and number displays do); words and units come from the translation ref.
const numberFormats = new Map<number, Intl.NumberFormat>();
function decimals(digits: number): Intl.NumberFormat {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    numberFormats.set(digits, format);
  }
  return format;
}

/** A number with a fixed count of decimals in the viewer's language ("3.0", "1,250.5"). */
export function formatNumber(value: number, digits = 1): string {
  return decimals(digits).format(value);
}

/** A duration in the unit people read it in: minutes, hours or days. */
export function formatDuration(ms: number, t: OpsDeckT): string {
  if (ms < HOUR) {
    return t('units.minutes', {
      value: formatNumber(Math.max(1, Math.round(ms / MINUTE)), 0),
    });
  }
  if (ms < 2 * DAY) return t('units.hours', { value: formatNumber(ms / HOUR) });
  return t('units.days', { value: formatNumber(ms / DAY) });
}

/** A rate 0–1 as a percentage with one decimal ("12.5 %"). */
export function formatPercent(rate: number, t: OpsDeckT): string {
  return t('units.percent', { value: formatNumber(rate * 100) });
}

/** A whole percentage 0–100 as coverage shows it ("75%"), or "not applicable". */
export function formatWholePercent(
  percent: number | null,
  t: OpsDeckT,
): string {
  return percent === null
    ? t('units.notApplicable')
    : t('units.wholePercent', { value: formatNumber(percent, 0) });
}

/** Deployments per day, in the unit that gives a readable number. */
export function formatFrequency(perDay: number, t: OpsDeckT): string {
  if (perDay >= 1) return t('units.perDay', { value: formatNumber(perDay) });
  if (perDay * 7 >= 1) {
    return t('units.perWeek', { value: formatNumber(perDay * 7) });
  }
  return t('units.perMonth', { value: formatNumber(perDay * 30) });
}

/** A metric's headline value as the cards show it. */
export function formatMetricValue(
  name: DoraMetricName,
  value: number,
  t: OpsDeckT,
): string {
  switch (name) {
    case 'deploymentFrequency':
      return formatFrequency(value, t);
    case 'changeFailRate':
    case 'reworkRate':
      return formatPercent(value, t);
    default:
      return formatDuration(value, t);
  }
}

/** Whether a metric is a rate (its changes are in percentage points). */
export const isRate = (name: DoraMetricName) =>
  name === 'changeFailRate' || name === 'reworkRate';

/** The change against the previous window, in the metric's unit ("+3.2 points", "−40 %"). */
export function formatChange(
  name: DoraMetricName,
  current: number,
  previous: number,
  t: OpsDeckT,
): string {
  const sign = (n: number) => {
    if (n > 0) return '+';
    return n < 0 ? '−' : '±';
  };
  if (isRate(name)) {
    // the sign of the shown value: a change that rounds to 0.0 is ±, not +
    const points = Math.round((current - previous) * 1000) / 10;
    return t('change.points', {
      sign: sign(points),
      value: formatNumber(Math.abs(points)),
    });
  }
  if (previous === 0) {
    return current === 0
      ? t('change.percent', { sign: '±', value: formatNumber(0, 0) })
      : t('change.new');
  }
  if (current / previous >= 10) {
    return t('change.times', {
      value: formatNumber(Math.round(current / previous), 0),
    });
  }
  const pct = Math.round(((current - previous) / previous) * 100);
  return t('change.percent', {
    sign: sign(pct),
    value: formatNumber(Math.abs(pct), 0),
  });
}

/** Where the README explains each reason's fix (`opsdeck.docsUrl` + anchor). */
export const NULL_REASON_ANCHORS: Partial<Record<DoraNullReason, string>> = {
  'no-deployments-ever':
    'sending-deployment-and-incident-events-post-apiopsdeckevents',
  'none-in-window': 'dora-metrics--the-definitions-in-plain-words',
  'no-changes': 'sending-deployment-and-incident-events-post-apiopsdeckevents',
  'no-incidents': 'webhooks-post-apiopsdeckwebhookssource',
};

/** Reasons that are good news, shown as such. */
export const GOOD_NULL_REASONS: ReadonlySet<DoraNullReason> = new Set([
  'no-failures',
]);

function utcOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const abs = Math.abs(offset);
  return `UTC${offset >= 0 ? '+' : '−'}${String(Math.floor(abs / 60)).padStart(
    2,
    '0',
  )}:${String(abs % 60).padStart(2, '0')}`;
}

const instantFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/**
 * An instant in the viewer's zone with its UTC offset, e.g. "26 Nov 2026, 10:32 (UTC+01:00)".
 */
export function formatInstant(value: string | number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${instantFormat.format(date)} (${utcOffset(date)})`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
});
const dayWithYearFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** A day as people say it, "30 Nov"; with the year when it is not this year's. */
export function formatDay(value: string | number, now = Date.now()): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.getFullYear() === new Date(now).getFullYear()
    ? dayFormat.format(date)
    : dayWithYearFormat.format(date);
}

/** "24–30 Nov", "28 Nov – 2 Dec", or one day: in the viewer's zone and language. */
export function formatDayRange(from: number, to: number): string {
  return dayFormat.formatRange(new Date(from), new Date(to));
}

const utcDayFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** A UTC day (epoch ms at 00:00 UTC) as "5 Jan", labelled UTC by the caller. */
export function formatUtcDay(ms: number): string {
  return utcDayFormat.format(new Date(ms));
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, {
  numeric: 'auto',
});

/** How far an instant is from now, in the largest whole unit: "in 3 days", "2 hours ago". */
export function formatRelative(value: string | number, now = Date.now()) {
  const ms = new Date(value).getTime() - now;
  if (Number.isNaN(ms)) return '';
  const abs = Math.abs(ms);
  if (abs >= DAY) return relativeFormat.format(Math.round(ms / DAY), 'day');
  if (abs >= HOUR) return relativeFormat.format(Math.round(ms / HOUR), 'hour');
  return relativeFormat.format(Math.round(ms / MINUTE), 'minute');
}

/**
 * OpsDeck's translation function with the formatters bound to it, for components.
 *
 * @internal
 */
export function useOpsDeckFormat() {
  const { t } = useTranslationRef(opsdeckTranslationRef);
  return useMemo(
    () => ({
      t,
      formatDuration: (ms: number) => formatDuration(ms, t),
      formatPercent: (rate: number) => formatPercent(rate, t),
      formatWholePercent: (percent: number | null) =>
        formatWholePercent(percent, t),
      formatMetricValue: (name: DoraMetricName, value: number) =>
        formatMetricValue(name, value, t),
      formatChange: (name: DoraMetricName, current: number, previous: number) =>
        formatChange(name, current, previous, t),
    }),
    [t],
  );
}
