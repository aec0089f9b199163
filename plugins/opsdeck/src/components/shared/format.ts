import {
  DoraMetricName,
  DoraNullReason,
  DoraTier,
} from '@opsdeck/backstage-plugin-common';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Metric names as people say them. */
export const METRIC_TITLES: Record<DoraMetricName, string> = {
  deploymentFrequency: 'Deployment frequency',
  changeLeadTime: 'Change lead time',
  changeFailRate: 'Change fail rate',
  recoveryTime: 'Failed deployment recovery time',
  reworkRate: 'Deployment rework rate',
  mttr: 'MTTR',
};

/** Short titles for table columns and chart headings. */
export const METRIC_SHORT_TITLES: Record<DoraMetricName, string> = {
  deploymentFrequency: 'Deploys',
  changeLeadTime: 'Lead time',
  changeFailRate: 'Fail rate',
  recoveryTime: 'Recovery',
  reworkRate: 'Rework',
  mttr: 'MTTR',
};

/** A duration in the unit people read it in: minutes, hours or days. */
export function formatDuration(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY) return `${(ms / HOUR).toFixed(1)} h`;
  return `${(ms / DAY).toFixed(1)} days`;
}

/** A rate 0–1 as a percentage with one decimal. */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

/** Deployments per day, in the unit that gives a readable number. */
export function formatFrequency(perDay: number): string {
  if (perDay >= 1) return `${perDay.toFixed(1)} / day`;
  if (perDay * 7 >= 1) return `${(perDay * 7).toFixed(1)} / week`;
  return `${(perDay * 30).toFixed(1)} / month`;
}

/** A metric's headline value as the cards show it. */
export function formatMetricValue(name: DoraMetricName, value: number): string {
  switch (name) {
    case 'deploymentFrequency':
      return formatFrequency(value);
    case 'changeFailRate':
    case 'reworkRate':
      return formatPercent(value);
    default:
      return formatDuration(value);
  }
}

/** The change against the previous window, in the metric's unit ("+3.2 pp", "−40 %"). */
export function formatChange(
  name: DoraMetricName,
  current: number,
  previous: number,
): string {
  const sign = (n: number) => {
    if (n > 0) return '+';
    return n < 0 ? '−' : '±';
  };
  if (name === 'changeFailRate' || name === 'reworkRate') {
    const pp = (current - previous) * 100;
    return `${sign(pp)}${Math.abs(pp).toFixed(1)} pp`;
  }
  if (previous === 0) return current === 0 ? '±0 %' : 'new';
  if (current / previous >= 10) return `×${Math.round(current / previous)}`;
  const pct = ((current - previous) / previous) * 100;
  return `${sign(pct)}${Math.abs(Math.round(pct))} %`;
}

/** Why a metric has no value, and what to send where. */
export const NULL_REASONS: Record<
  DoraNullReason,
  { text: string; fix?: string; anchor?: string; good?: boolean }
> = {
  'no-deployments-ever': {
    text: 'No deployments received yet.',
    fix: 'Send deployment events: a GitHub, GitLab or Argo CD webhook, or POST /api/opsdeck/events from CI.',
    anchor: 'sending-deployment-and-incident-events-post-apiopsdeckevents',
  },
  'none-in-window': {
    text: 'No completed production deployments in this window.',
    fix: 'Production is matched by opsdeck.dora.productionEnvironments; check the environment names you send.',
    anchor: 'dora-metrics--the-definitions-in-plain-words',
  },
  'no-changes': {
    text: 'No shipped change with a commit time.',
    fix: 'Send changes (sha + time) or the commit time with each deployment, or connect push webhooks.',
    anchor: 'sending-deployment-and-incident-events-post-apiopsdeckevents',
  },
  'no-failures': {
    text: 'No failed deployments — nothing to recover from.',
    good: true,
  },
  'none-recovered': {
    text: 'Failed deployments are not recovered yet.',
    fix: 'Recovery ends with the next successful production deployment, or when attributed incidents resolve.',
    anchor: 'dora-metrics--the-definitions-in-plain-words',
  },
  'no-incidents': {
    text: 'No incidents in this window.',
    fix: 'Incidents come from PagerDuty or Opsgenie webhooks, or POST /api/opsdeck/events.',
    anchor: 'webhooks-post-apiopsdeckwebhookssource',
  },
  'none-resolved': {
    text: 'Incidents are still open.',
  },
};

/** Tier names as chips show them. */
export const TIER_LABELS: Record<DoraTier, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/**
 * An instant in the viewer's zone with its UTC offset, e.g. "26 Nov 2026, 10:32 (UTC+01:00)".
 */
export function formatInstant(value: string | number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const offset = -date.getTimezoneOffset();
  const abs = Math.abs(offset);
  const zone = `UTC${offset >= 0 ? '+' : '−'}${String(
    Math.floor(abs / 60),
  ).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  })} (${zone})`;
}

/** A UTC day (epoch ms at 00:00 UTC) as "5 Jan", labelled UTC by the caller. */
export function formatUtcDay(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}
