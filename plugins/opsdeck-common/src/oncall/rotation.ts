import { DateTime, Duration, IANAZone } from 'luxon';

/**
 * A rotation defined in the catalog (`opsdeck.io/oncall-rotation`, JSON): members take turns,
 * each for `every`, handing off at `handoff` in `tz`; `start` anchors member 0's first shift.
 *
 * @public
 */
export interface CatalogRotation {
  /** Entity refs of the members, in order (e.g. `user:alice`). */
  members: string[];
  /** Shift length, ISO 8601: `P1W`, `P2W`, `P1D`, `PT12H`… */
  every: string;
  /** Hand-off: `MON 09:00` (weekday and local time) or `09:00` (every day). */
  handoff: string;
  /** IANA time zone of the hand-off, e.g. `Europe/Berlin`. */
  tz: string;
  /** `YYYY-MM-DD`: member 0's first shift begins at the first hand-off on or after it. */
  start: string;
  /** Whether the owning group's parent is the next escalation level. */
  escalateToParent?: boolean;
}

/**
 * One shift of a rotation: instants in epoch ms, `until` exclusive.
 *
 * @public
 */
export interface RotationShift {
  /** 0 for the first shift after `start`. */
  index: number;
  /** The member on call (an entity ref from `members`). */
  member: string;
  /** Start of the shift, epoch ms. */
  from: number;
  /** End of the shift (the next hand-off), epoch ms, exclusive. */
  until: number;
}

const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Validates the annotation's JSON; the error names the field, for the card to show.
 *
 * @public
 */
export function parseRotation(
  json: string,
): { rotation: CatalogRotation } | { error: string } {
  let value: any;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'must be a JSON object' };
  }
  const { members, every, handoff, tz, start, escalateToParent } = value;
  if (
    !Array.isArray(members) ||
    !members.length ||
    !members.every(m => typeof m === 'string' && m.length > 0)
  ) {
    return {
      error: 'members: a non-empty list of entity refs, e.g. ["user:alice"]',
    };
  }
  const duration =
    typeof every === 'string' ? Duration.fromISO(every) : undefined;
  if (!duration?.isValid || duration.toMillis() < 60 * MINUTE) {
    return {
      error: 'every: an ISO 8601 duration of at least one hour, e.g. P1W',
    };
  }
  if (typeof handoff !== 'string' || !parseHandoff(handoff)) {
    return { error: 'handoff: "MON 09:00" (weekday and time) or "09:00"' };
  }
  if (typeof tz !== 'string' || !IANAZone.isValidZone(tz)) {
    return { error: 'tz: an IANA time zone, e.g. Europe/Berlin' };
  }
  if (
    typeof start !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(start) ||
    !DateTime.fromISO(start, { zone: 'utc' }).isValid
  ) {
    return { error: 'start: a date, YYYY-MM-DD' };
  }
  if (escalateToParent !== undefined && typeof escalateToParent !== 'boolean') {
    return { error: 'escalateToParent: true or false' };
  }
  return {
    rotation: { members, every, handoff, tz, start, escalateToParent },
  };
}

function parseHandoff(
  handoff: string,
): { weekday?: number; hour: number; minute: number } | undefined {
  const m = /^(?:([A-Za-z]{3})\s+)?(\d{1,2}):(\d{2})$/.exec(handoff.trim());
  if (!m) return undefined;
  const weekday = m[1] ? WEEKDAYS.indexOf(m[1].toUpperCase()) + 1 : undefined;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (weekday === 0 || hour > 23 || minute > 59) return undefined;
  return { weekday, hour, minute };
}

/** The wall-clock time of an instant in a zone, as epoch ms of the same wall time in UTC. */
function wallOf(instant: number, tz: string): number {
  return instant + DateTime.fromMillis(instant, { zone: tz }).offset * MINUTE;
}

/**
 * The instant a wall-clock time happens in a zone. A time that occurs twice (clocks turned
 * back) is its first occurrence; a time that does not exist (clocks turned forward) happens at
 * the first valid minute after it — the moment the clocks jump.
 *
 * @public
 */
export function instantOfWallTime(wall: number, tz: string): number {
  const offsets = [
    ...new Set(
      [-DAY, 0, DAY].map(
        d => DateTime.fromMillis(wall + d, { zone: tz }).offset,
      ),
    ),
  ];
  const exact = offsets
    .map(offset => wall - offset * MINUTE)
    .filter(instant => wallOf(instant, tz) === wall)
    .sort((a, b) => a - b);
  if (exact.length) return exact[0];
  // In a gap: the first minute whose wall time is past the requested one.
  let before = wall - Math.max(...offsets) * MINUTE;
  let after = wall - Math.min(...offsets) * MINUTE;
  while (after - before > MINUTE) {
    const mid = before + Math.floor((after - before) / 2 / MINUTE) * MINUTE;
    if (wallOf(mid, tz) >= wall) after = mid;
    else before = mid;
  }
  return after;
}

/** Compiled rotation: the start of shift k, and a guess of k for an instant. */
function compile(rotation: CatalogRotation) {
  const handoff = parseHandoff(rotation.handoff)!;
  const every = Duration.fromISO(rotation.every);
  // The first hand-off on or after the start date, as a wall time.
  let first = DateTime.fromISO(rotation.start, { zone: 'utc' }).set({
    hour: handoff.hour,
    minute: handoff.minute,
  });
  if (handoff.weekday) {
    first = first.plus({ days: (handoff.weekday - first.weekday + 7) % 7 });
  }
  const startOf = (k: number) =>
    instantOfWallTime(
      first.plus(every.mapUnits(x => x * k)).toMillis(),
      rotation.tz,
    );
  return { startOf, approx: every.toMillis() };
}

function shiftAt(
  rotation: CatalogRotation,
  c: ReturnType<typeof compile>,
  k: number,
): RotationShift {
  const n = rotation.members.length;
  return {
    index: k,
    member: rotation.members[((k % n) + n) % n],
    from: c.startOf(k),
    until: c.startOf(k + 1),
  };
}

/**
 * The shift covering an instant, or undefined before the rotation's first shift.
 *
 * @public
 */
export function rotationShiftAt(
  rotation: CatalogRotation,
  instant: number,
): RotationShift | undefined {
  const c = compile(rotation);
  if (instant < c.startOf(0)) return undefined;
  let k = Math.max(0, Math.floor((instant - c.startOf(0)) / c.approx));
  while (c.startOf(k) > instant) k--;
  while (c.startOf(k + 1) <= instant) k++;
  return shiftAt(rotation, c, k);
}

/**
 * The shifts that overlap `[from, to)`, in order (at most `limit`).
 *
 * @public
 */
export function rotationShifts(
  rotation: CatalogRotation,
  from: number,
  to: number,
  limit = 500,
): RotationShift[] {
  const c = compile(rotation);
  const shifts: RotationShift[] = [];
  let k = rotationShiftAt(rotation, from)?.index ?? 0;
  while (shifts.length < limit) {
    const shift = shiftAt(rotation, c, k++);
    if (shift.from >= to) break;
    if (shift.until > from) shifts.push(shift);
  }
  return shifts;
}
