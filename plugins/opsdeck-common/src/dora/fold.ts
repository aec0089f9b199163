import { isTerminalStatus, normalizeDeploymentStatus } from './statuses';
import { DeploymentStatus, DoraDeployment, DoraIncident } from './types';

/**
 * One event about a deployment, as ingested: any fields of the record, the provider's status
 * word, and `eventTime`, which orders updates of one record.
 *
 * @public
 */
export interface DeploymentEvent
  extends Omit<Partial<DoraDeployment>, 'key' | 'service' | 'status'> {
  /** Record key, `<source>:<id>`. */
  key: string;
  /** The service identity. */
  service: string;
  /** When the provider says this happened, epoch ms. */
  eventTime: number;
  /** The provider's status word; see {@link normalizeDeploymentStatus}. */
  status?: string;
}

/**
 * One event about an incident, as ingested. `resolvedAt: null` reopens it.
 *
 * @public
 */
export interface IncidentEvent
  extends Omit<Partial<DoraIncident>, 'key' | 'service' | 'resolvedAt'> {
  /** Record key, `<source>:<id>`. */
  key: string;
  /** The service identity. */
  service: string;
  /** When the provider says this happened, epoch ms. */
  eventTime: number;
  /** When it was resolved; `null` reopens it. */
  resolvedAt?: number | null;
}

type Timed<T> = { time: number; value: T };

/** Deterministic tie-break so that equal event times give the same answer in any order. */
function wins<T>(candidate: Timed<T>, current: Timed<T> | undefined): boolean {
  if (!current) return true;
  if (candidate.time !== current.time) return candidate.time > current.time;
  return JSON.stringify(candidate.value) > JSON.stringify(current.value);
}

function latestFields<E extends { eventTime: number }>(
  events: readonly E[],
): Map<keyof E, Timed<unknown>> {
  const fields = new Map<keyof E, Timed<unknown>>();
  for (const event of events) {
    for (const [name, value] of Object.entries(event) as Array<
      [keyof E, unknown]
    >) {
      if (value === undefined || name === 'eventTime') continue;
      const candidate = { time: event.eventTime, value };
      if (wins(candidate, fields.get(name))) fields.set(name, candidate);
    }
  }
  return fields;
}

function groupByKey<E extends { key: string }>(events: readonly E[]): E[][] {
  const groups = new Map<string, E[]>();
  for (const event of events) {
    const list = groups.get(event.key) ?? [];
    list.push(event);
    groups.set(event.key, list);
  }
  return [...groups.values()];
}

/** The status rule: the latest event wins, but a terminal status is never replaced by a non-terminal one. */
function foldStatus(events: readonly DeploymentEvent[]): {
  status: DeploymentStatus;
  /** Finish time, epoch ms; defaults to `eventTime` for a terminal status. */
  finishedAt?: number;
} {
  let terminal: Timed<[DeploymentStatus, number]> | undefined;
  let open: Timed<[DeploymentStatus]> | undefined;
  for (const event of events) {
    const status =
      event.status === undefined
        ? undefined
        : normalizeDeploymentStatus(event.status);
    if (!status) continue;
    if (isTerminalStatus(status)) {
      // The finish time is part of the compared value, so equal event times still tie-break.
      const candidate = {
        time: event.eventTime,
        value: [status, event.finishedAt ?? event.eventTime] as [
          DeploymentStatus,
          number,
        ],
      };
      if (wins(candidate, terminal)) terminal = candidate;
    } else {
      const candidate = {
        time: event.eventTime,
        value: [status] as [DeploymentStatus],
      };
      if (wins(candidate, open)) open = candidate;
    }
  }
  if (terminal)
    return { status: terminal.value[0], finishedAt: terminal.value[1] };
  return { status: open?.value[0] ?? 'pending' };
}

/**
 * Merges deployment events into records: per record key, each field takes the value of the
 * latest event that carries it (ties broken deterministically), and the status follows the
 * status rule. Order and repetition of the events do not change the result.
 *
 * @public
 */
export function foldDeployments(
  events: readonly DeploymentEvent[],
): DoraDeployment[] {
  return groupByKey(events).map(group => {
    const f = latestFields(group);
    const get = <T>(name: keyof DeploymentEvent) =>
      f.get(name)?.value as T | undefined;
    const { status, finishedAt } = foldStatus(group);
    const record: DoraDeployment = {
      key: group[0].key,
      service: get<string>('service')!,
      environment: get<string>('environment') ?? '',
      status,
    };
    const optional: Partial<DoraDeployment> = {
      startedAt: get('startedAt'),
      finishedAt,
      commit: get('commit'),
      changes: get('changes'),
      rollbackOf: get('rollbackOf'),
      rework: get('rework'),
      fixes: get('fixes'),
      url: get('url'),
      title: get('title'),
    };
    for (const [name, value] of Object.entries(optional)) {
      if (value !== undefined) (record as any)[name] = value;
    }
    return record;
  });
}

/**
 * Merges incident events into records: `openedAt` is the earliest reported, `resolvedAt` follows
 * the latest event that mentions it (`null` reopens), other fields the latest event that carries
 * them. Order and repetition of the events do not change the result.
 *
 * @public
 */
export function foldIncidents(
  events: readonly IncidentEvent[],
): DoraIncident[] {
  return groupByKey(events).map(group => {
    const f = latestFields(group);
    const get = <T>(name: keyof IncidentEvent) =>
      f.get(name)?.value as T | undefined;
    const openedAt = Math.min(...group.map(e => e.openedAt ?? e.eventTime));
    const record: DoraIncident = {
      key: group[0].key,
      service: get<string>('service')!,
      openedAt,
    };
    const optional: Partial<DoraIncident> = {
      resolvedAt: get<number | null>('resolvedAt') ?? undefined,
      severity: get('severity'),
      environment: get('environment'),
      isAlert: get('isAlert'),
      causedBy: get('causedBy'),
      url: get('url'),
      title: get('title'),
    };
    for (const [name, value] of Object.entries(optional)) {
      if (value !== undefined) (record as any)[name] = value;
    }
    return record;
  });
}
