import { ProvenanceItem } from '@opsdeck/backstage-plugin-common';

/** What an event is, as the timeline shows it. */
export type EventKind = 'deployment' | 'rollback' | 'incident';

/** @internal */
export function kindOf(item: ProvenanceItem): EventKind {
  if (item.type === 'incident') return 'incident';
  return item.detail.rollbackOf ? 'rollback' : 'deployment';
}

/** The timeline's filter, as the `type` query parameter names it. */
export const TIMELINE_FILTERS = [
  'all',
  'deployments',
  'incidents',
  'failures',
  'rollbacks',
] as const;

/** One of {@link TIMELINE_FILTERS}. */
export type TimelineFilter = (typeof TIMELINE_FILTERS)[number];

/** What to ask the API for: it filters by record type; failures and rollbacks are kept here. */
export function apiTypeOf(
  filter: TimelineFilter,
): 'deployment' | 'incident' | undefined {
  if (filter === 'all') return undefined;
  return filter === 'incidents' ? 'incident' : 'deployment';
}

/** Whether an event passes the filter. */
export function matchesFilter(
  item: ProvenanceItem,
  filter: TimelineFilter,
): boolean {
  switch (filter) {
    case 'deployments':
      return item.type === 'deployment';
    case 'incidents':
      return item.type === 'incident';
    case 'failures':
      return item.type === 'deployment' && Boolean(item.detail.failed);
    case 'rollbacks':
      return kindOf(item) === 'rollback';
    default:
      return true;
  }
}

/** A row of the timeline: one event, or a run of alike deployments shown as one. */
export type TimelineRow =
  | { type: 'event'; item: ProvenanceItem }
  | {
      type: 'run';
      items: ProvenanceItem[];
      environment: string;
      status: string;
      /** Oldest and newest time in the run, epoch ms. */
      from: number;
      to: number;
    };

/**
 * What makes deployments alike enough to share a row, or undefined for an event that stands
 * alone: failures, rollbacks, rework (unplanned fixes) and incidents are what a reader looks
 * for, so they are never folded away.
 */
function runKey(item: ProvenanceItem): string | undefined {
  if (kindOf(item) !== 'deployment') return undefined;
  const d = item.detail;
  if (d.failed || d.rework) return undefined;
  if (typeof d.environment !== 'string' || typeof d.status !== 'string') {
    return undefined;
  }
  return JSON.stringify([d.environment, d.status]);
}

/**
 * Folds consecutive deployments of the same environment and status into one row (two or more);
 * every other event keeps its own row, in the order given (newest first).
 */
export function groupTimeline(items: readonly ProvenanceItem[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let run: ProvenanceItem[] = [];
  let key: string | undefined;
  const flush = () => {
    if (run.length === 1) rows.push({ type: 'event', item: run[0] });
    if (run.length > 1) {
      const times = run.map(i => i.time);
      rows.push({
        type: 'run',
        items: run,
        environment: String(run[0].detail.environment),
        status: String(run[0].detail.status),
        from: Math.min(...times),
        to: Math.max(...times),
      });
    }
    run = [];
    key = undefined;
  };
  for (const item of items) {
    const k = runKey(item);
    if (k === undefined) {
      flush();
      rows.push({ type: 'event', item });
      continue;
    }
    if (k !== key) flush();
    run.push(item);
    key = k;
  }
  flush();
  return rows;
}
