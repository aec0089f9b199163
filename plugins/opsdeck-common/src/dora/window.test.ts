import {
  DAY_MS,
  isoWeekBuckets,
  previousWindow,
  resolveDoraWindow,
} from './window';

describe('DORA windows', () => {
  it('defaults to the 90 whole UTC days before the next midnight', () => {
    const now = Date.UTC(2026, 10, 22, 15, 30);
    expect(resolveDoraWindow({ now })).toEqual({
      from: Date.UTC(2026, 7, 25), // 23 Nov − 90 d: 22 d to 1 Nov, 31 (Oct), 30 (Sep), 7 more → 25 Aug
      to: Date.UTC(2026, 10, 23), // next 00:00 UTC after now
      days: 90,
    });
  });

  it('rounds from and to down to 00:00 UTC and rejects empty windows', () => {
    const w = resolveDoraWindow({
      now: 0,
      from: Date.UTC(2026, 0, 1, 23),
      to: Date.UTC(2026, 0, 8, 1),
    });
    expect(w).toEqual({
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 0, 8),
      days: 7,
    });
    expect(() =>
      resolveDoraWindow({
        now: 0,
        from: Date.UTC(2026, 0, 1, 3),
        to: Date.UTC(2026, 0, 1, 20),
      }),
    ).toThrow(RangeError);
  });

  it('the previous window has the same length and ends where this one starts', () => {
    const w = { from: Date.UTC(2026, 0, 10), to: Date.UTC(2026, 0, 17) };
    expect(previousWindow(w)).toEqual({
      from: Date.UTC(2026, 0, 3),
      to: Date.UTC(2026, 0, 10),
    });
  });

  it('weekly buckets are ISO weeks (Monday 00:00 UTC) clipped to the window, across a year end', () => {
    // Wed 30 Dec 2026 → Wed 6 Jan 2027; 1 Jan 2027 is a Friday, so Mon 28 Dec starts the first week
    const buckets = isoWeekBuckets({
      from: Date.UTC(2026, 11, 30),
      to: Date.UTC(2027, 0, 6),
    });
    expect(buckets).toEqual([
      {
        weekStart: Date.UTC(2026, 11, 28),
        from: Date.UTC(2026, 11, 30),
        to: Date.UTC(2027, 0, 4),
        days: 5,
      },
      {
        weekStart: Date.UTC(2027, 0, 4),
        from: Date.UTC(2027, 0, 4),
        to: Date.UTC(2027, 0, 6),
        days: 2,
      },
    ]);
    expect(buckets.reduce((n, b) => n + b.days, 0) * DAY_MS).toBe(
      Date.UTC(2027, 0, 6) - Date.UTC(2026, 11, 30),
    );
  });
});
