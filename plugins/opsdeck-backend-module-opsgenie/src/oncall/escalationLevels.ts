/**
 * Escalation levels from an escalation policy, the same for Opsgenie and JSM Operations (JSM's
 * operations API is Opsgenie's model under new paths): level n is rule n; a schedule recipient
 * is whoever that schedule has on call, a user recipient is that user, a team recipient is
 * whoever the team's schedules have on call.
 */

import { OpsDeckOnCallIncident, textOf } from '@opsdeck/backstage-plugin-node';

/** Someone a provider names: its id, its display or user name, or both. */
export type Who = { id?: string; name?: string };

/** One on-call period of a schedule's final timeline, its responders flattened to users. */
export type TimelinePeriod = { start: number; end: number; who: Who[] };

/** A schedule's final timeline; `end` is where the provider cut it off. */
export type ScheduleTimeline = { end?: number; periods: TimelinePeriod[] };

/** A schedule and the team that owns it. */
export type ScheduleRef = {
  id: string;
  name: string;
  teamId?: string;
  teamName?: string;
};

/** One escalation rule as both APIs answer it. */
export type EscalationRule = {
  /** `default` (on call now), `next` or `previous` in the rotation; others for teams. */
  notifyType?: string;
  recipient?: { type?: string; id?: string; name?: string };
};

/** An escalation policy (Opsgenie escalation, JSM team escalation). */
export type Escalation = {
  id?: string;
  name?: string;
  enabled?: boolean;
  rules: EscalationRule[];
};

/** A level before people are named. */
export type WhoLevel = {
  level: number;
  who: Who[];
  until?: string;
  scheduleName?: string;
};

/** What the level computation reads from the provider. */
export interface LevelSources {
  now: number;
  /** Every schedule the account can see (recipients may belong to other teams). */
  schedules: ScheduleRef[];
  timeline(scheduleId: string): Promise<ScheduleTimeline>;
  /** The provider's own "who is on call now", when it has one; else the timeline says. */
  onCallNow?(scheduleId: string): Promise<Who[]>;
}

const keyOf = (w: Who) => w.id ?? w.name ?? '';

function unique(who: Who[]): Who[] {
  const seen = new Map<string, Who>();
  for (const w of who)
    if (keyOf(w) && !seen.has(keyOf(w))) seen.set(keyOf(w), w);
  return [...seen.values()];
}

const covering = (tl: ScheduleTimeline, t: number) =>
  tl.periods.filter(p => p.start <= t && t < p.end);

/** Who the timeline has on call at `t`. */
export const whoAt = (tl: ScheduleTimeline, t: number) =>
  unique(covering(tl, t).flatMap(p => p.who));

/**
 * The next moment after `t` at which the set of people on call changes, if the timeline
 * knows it: a period ends or another starts. A period cut off at the timeline's end says
 * nothing about when it really ends.
 */
export function changeAfter(
  tl: ScheduleTimeline,
  t: number,
): number | undefined {
  const moments = tl.periods.flatMap(p => [p.start, p.end]).filter(m => m > t);
  const next = moments.length ? Math.min(...moments) : undefined;
  return next !== undefined && (tl.end === undefined || next < tl.end)
    ? next
    : undefined;
}

/** The moment the people on call at `t` took over. */
function changeBefore(tl: ScheduleTimeline, t: number): number | undefined {
  const moments = tl.periods.flatMap(p => [p.start, p.end]).filter(m => m <= t);
  return moments.length ? Math.max(...moments) : undefined;
}

const iso = (t: number | undefined) =>
  t === undefined ? undefined : new Date(t).toISOString();

/** Remembers one promise per key for the duration of one answer. */
export function once<V>(load: (key: string) => Promise<V>) {
  const memo = new Map<string, Promise<V>>();
  return (key: string) => {
    if (!memo.has(key)) memo.set(key, load(key));
    return memo.get(key)!;
  };
}

export const DAY = 86_400_000;

/**
 * Schedules' timelines around `now`, each read once per answer: a week back (who was on call
 * before, for rules that page the previous person) and two weeks ahead (the next hand-offs).
 */
export function timelinesAroundNow(
  now: number,
  read: (
    scheduleId: string,
    from: Date,
    days: number,
  ) => Promise<ScheduleTimeline>,
): (scheduleId: string) => Promise<ScheduleTimeline> {
  return once(id => read(id, new Date(now - 7 * DAY), 21));
}

/** Open alerts as on-call incidents; an alert without an id or a creation time is left out. */
export function incidentsOfAlerts(
  alerts: readonly any[],
  statusOf: (alert: any) => string,
): OpsDeckOnCallIncident[] {
  return alerts.flatMap(a =>
    textOf(a?.id) && textOf(a?.createdAt)
      ? [
          {
            id: a.id,
            title: textOf(a.message) ?? a.id,
            status: statusOf(a),
            createdAt: a.createdAt,
            urgency: textOf(a.priority),
          },
        ]
      : [],
  );
}

/** Who a schedule pages for a rule's notify type, and until when that holds. */
async function fromSchedule(
  id: string,
  notifyType: string | undefined,
  sources: LevelSources,
): Promise<{ who: Who[]; until?: number }> {
  const tl = await sources.timeline(id);
  const { now } = sources;
  if (notifyType === 'next') {
    const at = changeAfter(tl, now);
    return at === undefined
      ? { who: [] }
      : { who: whoAt(tl, at), until: changeAfter(tl, at) };
  }
  if (notifyType === 'previous') {
    const began = changeBefore(tl, now);
    return {
      who: began === undefined ? [] : whoAt(tl, began - 1),
      until: changeAfter(tl, now),
    };
  }
  const who = sources.onCallNow ? await sources.onCallNow(id) : whoAt(tl, now);
  return { who, until: changeAfter(tl, now) };
}

/** Several schedules as one level: everyone on call, the earliest change. */
async function fromSchedules(
  schedules: ScheduleRef[],
  notifyType: string | undefined,
  sources: LevelSources,
): Promise<Omit<WhoLevel, 'level'>> {
  const parts = await Promise.all(
    schedules.map(s => fromSchedule(s.id, notifyType, sources)),
  );
  const untils = parts.flatMap(p => (p.until === undefined ? [] : [p.until]));
  const named = schedules.filter((_, i) => parts[i].who.length > 0);
  return {
    who: unique(parts.flatMap(p => p.who)),
    until: iso(untils.length ? Math.min(...untils) : undefined),
    scheduleName: (named.length ? named : schedules)
      .map(s => s.name)
      .join(', '),
  };
}

const sameName = (a?: string, b?: string) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The schedules a team owns. */
export const schedulesOfTeam = (
  schedules: ScheduleRef[],
  team: { id?: string; name?: string },
) =>
  schedules.filter(
    s => (!!team.id && s.teamId === team.id) || sameName(s.teamName, team.name),
  );

/** The schedules a rule's recipient stands for. */
function schedulesOfRecipient(
  recipient: EscalationRule['recipient'],
  schedules: ScheduleRef[],
): ScheduleRef[] {
  if (recipient?.type === 'schedule') {
    const known = schedules.find(
      s => s.id === recipient.id || sameName(s.name, recipient.name),
    );
    if (known) return [known];
    // A schedule the list did not show (e.g. disabled): still ask for it by id.
    return recipient.id
      ? [{ id: recipient.id, name: recipient.name ?? recipient.id }]
      : [];
  }
  if (recipient?.type === 'team') return schedulesOfTeam(schedules, recipient);
  return [];
}

/**
 * Level n = rule n. A schedule recipient is that schedule's on-call (or the next or previous
 * one in the rotation, as the rule says); a user recipient is that user; a team recipient is
 * whoever the team's schedules have on call (whatever the rule's notify type: the operations
 * APIs do not list team members). Other recipients (e.g. another escalation) give an empty level.
 */
export async function levelsFromRules(
  rules: EscalationRule[],
  sources: LevelSources,
): Promise<WhoLevel[]> {
  return Promise.all(
    rules.map(async (rule, i): Promise<WhoLevel> => {
      const level = i + 1;
      const { recipient } = rule;
      if (recipient?.type === 'user') {
        return {
          level,
          who: [{ id: recipient.id, name: recipient.name }].filter(keyOf),
        };
      }
      const schedules = schedulesOfRecipient(recipient, sources.schedules);
      if (!schedules.length) return { level, who: [] };
      const notifyType = recipient?.type === 'schedule' ? rule.notifyType : '';
      return {
        level,
        ...(await fromSchedules(schedules, notifyType, sources)),
      };
    }),
  );
}

/**
 * Without an escalation policy: everyone the team's schedules have on call is level 1 (what
 * OpsDeck answered before it read escalations), nothing when nobody is on call.
 */
export async function levelOneFromSchedules(
  schedules: ScheduleRef[],
  sources: LevelSources,
): Promise<WhoLevel[]> {
  const level = await fromSchedules(schedules, 'default', sources);
  return level.who.length ? [{ level: 1, ...level }] : [];
}

/** The first level at which each schedule is paged, directly or through its team. */
export function levelOfSchedules(
  escalation: Escalation | undefined,
  schedules: ScheduleRef[],
): Map<string, number> {
  const levels = new Map<string, number>();
  (escalation?.rules ?? []).forEach((rule, i) => {
    for (const s of schedulesOfRecipient(rule.recipient, schedules)) {
      if (!levels.has(s.id)) levels.set(s.id, i + 1);
    }
  });
  return levels;
}

/**
 * The team's escalation: the one its default routing rule notifies when it has several, else
 * its first enabled one.
 */
export function chooseEscalation<E extends Escalation>(
  escalations: E[],
  defaultRoute?: { type?: string; id?: string; name?: string },
): E | undefined {
  const enabled = escalations.filter(e => e.enabled !== false);
  const routed =
    defaultRoute?.type === 'escalation'
      ? enabled.find(
          e =>
            (!!defaultRoute.id && e.id === defaultRoute.id) ||
            sameName(e.name, defaultRoute.name),
        )
      : undefined;
  return routed ?? enabled[0];
}

/** One shift per person and period overlapping `[from, to)`. */
export function shiftsOf(
  tl: ScheduleTimeline,
  window: { from: number; to: number },
): { who: Who; from: string; until: string }[] {
  return tl.periods
    .filter(p => p.end > window.from && p.start < window.to)
    .flatMap(p =>
      unique(p.who).map(who => ({
        who,
        from: iso(p.start)!,
        until: iso(p.end)!,
      })),
    );
}

/** Milliseconds of an ISO date the provider sent, or undefined. */
export function timeOf(value: unknown): number | undefined {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? undefined : t;
}
