import { EventEmitter } from 'node:events';
import { Request, Response } from 'express';
import { ReadsFirst } from './readsFirst';

/** A ReadsFirst on a clock the test moves: work and waits take exactly what they say. */
function setUp() {
  const clock = { ms: 0 };
  const waited: number[] = [];
  const readsFirst = new ReadsFirst({
    now: () => clock.ms,
    sleep: async ms => {
      waited.push(ms);
      clock.ms += ms;
    },
  });
  const work = (ms: number) => async () => {
    clock.ms += ms;
  };
  /** A read that stays in flight until `finish()`. */
  const read = () => {
    const res = new EventEmitter();
    readsFirst.countReads()(
      {} as Request,
      res as unknown as Response,
      () => {},
    );
    return { finish: () => res.emit('finish') };
  };
  const total = () => waited.reduce((a, b) => a + b, 0);
  return { readsFirst, work, read, waited, total };
}

describe('reads first', () => {
  it('without reads in flight, writes never wait', async () => {
    const t = setUp();
    for (let i = 0; i < 5; i++) await t.readsFirst.write(t.work(100));
    expect(t.total()).toBe(0);
  });

  it('while a read is in flight, writes get a quarter of the time', async () => {
    const t = setUp();
    const r = t.read();
    await t.readsFirst.write(t.work(30));
    expect(t.total()).toBe(0);
    // 30 ms of writing: the read is owed 90 ms before the next write starts.
    await t.readsFirst.write(t.work(30));
    expect(t.total()).toBe(90);
    // Background work paced between its steps owes the same.
    const pace = t.readsFirst.pacer();
    await pace();
    expect(t.total()).toBe(180);
    r.finish();
    // Once no read is in flight, nothing is owed any more.
    await pace();
    await t.readsFirst.write(t.work(30));
    expect(t.total()).toBe(180);
  });

  it('a write waits 2 s at most, however long the one before took', async () => {
    const t = setUp();
    t.read();
    await t.readsFirst.write(t.work(10_000));
    await t.readsFirst.write(t.work(1));
    expect(t.total()).toBe(2_000);
  });
});
