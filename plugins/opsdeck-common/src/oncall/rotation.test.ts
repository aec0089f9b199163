import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  CatalogRotation,
  instantOfWallTime,
  parseRotation,
  rotationShiftAt,
  rotationShifts,
} from './rotation';

jest.setTimeout(60_000);

const utc = (iso: string) => Date.parse(iso);
const wall = (iso: string) => Date.parse(`${iso}Z`);
const berlin: CatalogRotation = {
  members: ['user:alice', 'user:bob', 'user:carol'],
  every: 'P1W',
  handoff: 'MON 09:00',
  tz: 'Europe/Berlin',
  start: '2026-01-05',
};

describe('catalog rotation', () => {
  it('validates the annotation and names the field that is wrong', () => {
    expect(parseRotation(JSON.stringify(berlin))).toEqual({ rotation: berlin });
    expect(parseRotation('{')).toEqual({
      error: expect.stringMatching(/^not JSON/),
    });
    for (const [field, value] of [
      ['members', []],
      ['every', 'weekly'],
      ['handoff', 'MONDAY 9'],
      ['tz', 'Mars/Olympus'],
      ['start', '2026-13-01'],
      ['escalateToParent', 'yes'],
    ] as Array<[string, unknown]>) {
      const result = parseRotation(
        JSON.stringify({ ...berlin, [field]: value }),
      );
      expect(result).toEqual({
        error: expect.stringMatching(new RegExp(`^${field}:`)),
      });
    }
  });

  it('hands off every Monday 09:00 Berlin time, in turn, winter and summer', () => {
    expect(
      rotationShiftAt(berlin, utc('2026-01-05T07:59:00Z')),
    ).toBeUndefined();
    expect(rotationShiftAt(berlin, utc('2026-01-05T08:00:00Z'))).toEqual({
      index: 0,
      member: 'user:alice',
      from: utc('2026-01-05T08:00:00Z'), // 09:00 CET
      until: utc('2026-01-12T08:00:00Z'),
    });
    // The week of the spring change (29 March) is an hour shorter; 09:00 stays 09:00.
    const spring = rotationShiftAt(berlin, utc('2026-03-28T12:00:00Z'))!;
    expect([spring.from, spring.until]).toEqual([
      utc('2026-03-23T08:00:00Z'),
      utc('2026-03-30T07:00:00Z'), // 09:00 CEST
    ]);
    expect(spring.member).toBe(
      ['user:alice', 'user:bob', 'user:carol'][11 % 3],
    );
  });

  it('crosses the year end (2026 has an ISO week 53) without skipping anyone', () => {
    const shifts = rotationShifts(
      berlin,
      utc('2026-12-20T00:00:00Z'),
      utc('2027-01-20T00:00:00Z'),
    );
    expect(
      shifts.map(s =>
        DateTime.fromMillis(s.from, { zone: 'Europe/Berlin' }).toFormat(
          'yyyy-MM-dd HH:mm',
        ),
      ),
    ).toEqual([
      '2026-12-14 09:00',
      '2026-12-21 09:00',
      '2026-12-28 09:00',
      '2027-01-04 09:00',
      '2027-01-11 09:00',
      '2027-01-18 09:00',
    ]);
    expect(shifts.map(s => s.index)).toEqual([49, 50, 51, 52, 53, 54]);
  });

  it('a hand-off inside the spring gap happens at the first valid minute; a repeated one at its first occurrence', () => {
    // Berlin: 29 March 2026 02:00 → 03:00; 25 October 2026 03:00 → 02:00.
    expect(
      instantOfWallTime(wall('2026-03-29T02:30:00'), 'Europe/Berlin'),
    ).toBe(
      utc('2026-03-29T01:00:00Z'), // 03:00 CEST
    );
    expect(
      instantOfWallTime(wall('2026-10-25T02:30:00'), 'Europe/Berlin'),
    ).toBe(
      utc('2026-10-25T00:30:00Z'), // 02:30 CEST, the first of the two
    );
    const nightly: CatalogRotation = {
      ...berlin,
      every: 'P1D',
      handoff: '02:30',
      start: '2026-03-27',
    };
    const days = rotationShifts(
      nightly,
      utc('2026-03-27T12:00:00Z'),
      utc('2026-03-31T00:00:00Z'),
    );
    expect(days.map(s => new Date(s.from).toISOString())).toEqual([
      '2026-03-27T01:30:00.000Z',
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z', // 03:00 CEST: 02:30 does not exist that night
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  const zones = fc.constantFrom(
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'UTC',
  );
  const rotations = fc.record({
    members: fc.array(fc.constantFrom('user:a', 'user:b', 'user:c', 'user:d'), {
      minLength: 1,
      maxLength: 4,
    }),
    every: fc.constantFrom('P1W', 'P2W', 'P1D', 'PT12H', 'P3D'),
    handoff: fc
      .tuple(
        fc.constantFrom('', 'MON ', 'WED ', 'SUN '),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 59),
      )
      .map(
        ([d, h, m]) =>
          `${d}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
      ),
    tz: zones,
    start: fc
      .date({
        min: new Date('2024-01-01'),
        max: new Date('2030-12-31'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString().slice(0, 10)),
  });

  it('property: shifts tile time with no gap or overlap, members take turns, and the shift at any instant contains it', () => {
    fc.assert(
      fc.property(
        rotations,
        fc.integer({ min: 0, max: 3 * 365 }),
        (rotation, day) => {
          const from =
            Date.parse(`${rotation.start}T00:00:00Z`) + day * 86_400_000;
          const shifts = rotationShifts(rotation, from, from + 40 * 86_400_000);
          for (let i = 1; i < shifts.length; i++) {
            expect(shifts[i].from).toBe(shifts[i - 1].until);
            expect(shifts[i].index).toBe(shifts[i - 1].index + 1);
            expect(shifts[i].member).toBe(
              rotation.members[shifts[i].index % rotation.members.length],
            );
          }
          for (const s of shifts) {
            expect(s.until).toBeGreaterThan(s.from);
            const mid = s.from + Math.floor((s.until - s.from) / 2);
            expect(rotationShiftAt(rotation, mid)).toEqual(s);
            expect(rotationShiftAt(rotation, s.from)).toEqual(s);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('property: every hand-off is at the hand-off time on the wall clock, or the first minute after a skipped one', () => {
    fc.assert(
      fc.property(rotations, rotation => {
        const [hh, mm] = rotation.handoff.slice(-5).split(':').map(Number);
        const from = Date.parse(`${rotation.start}T00:00:00Z`);
        for (const s of rotationShifts(
          rotation,
          from,
          from + 400 * 86_400_000,
          60,
        )) {
          if (rotation.every === 'PT12H') continue; // half the hand-offs are 12 h later
          const local = DateTime.fromMillis(s.from, { zone: rotation.tz });
          const onTime = local.hour === hh && local.minute === mm;
          // Skipped: one minute earlier the wall clock was still before the hand-off time.
          const before = DateTime.fromMillis(s.from - 60_000, {
            zone: rotation.tz,
          });
          // Compared as wall-clock instants, not minutes of the day: a skipped midnight
          // (America/Santiago) has 23:59 of the day before as its previous minute.
          const wallMs = (d: DateTime) =>
            Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute);
          const target = Date.UTC(
            local.year,
            local.month - 1,
            local.day,
            hh,
            mm,
          );
          const skipped = wallMs(before) < target && wallMs(local) > target;
          expect(onTime || skipped).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
