import { RequestHandler } from 'express';
import { performance } from 'node:perf_hooks';
import { setImmediate, setTimeout } from 'node:timers/promises';

/**
 * Reads first. Writes — `POST /events`, webhook normalisation, derivation — share the one event
 * loop with the portal's reads, and better-sqlite3 answers synchronously, so a chain of awaits
 * on the database never gives the loop back by itself. While reads are in flight, writes get at
 * most a quarter of the time: after a step of write work they wait three times as long before
 * the next (never more than 2 s, so they are slowed, not starved). Without reads they run at full speed.
 *
 * @internal
 */
export class ReadsFirst {
  /** The process's event loop is one: so is its pacing. */
  static readonly process = new ReadsFirst();

  private reads = 0;
  /** Time reads are owed before writes go on, ms. */
  private debtMs = 0;
  private settledAt: number;
  private readonly share: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<unknown>;

  constructor(
    options: {
      /** Share of the time writes get while reads are in flight. */
      share?: number;
      /** Longest a write waits for its turn, ms. */
      maxWaitMs?: number;
      now?: () => number;
      sleep?: (ms: number) => Promise<unknown>;
    } = {},
  ) {
    this.share = options.share ?? 1 / 4;
    this.maxWaitMs = options.maxWaitMs ?? 2_000;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? (ms => setTimeout(ms));
    this.settledAt = this.now();
  }

  /** Counts the requests it sees as reads in flight (mount before the read routes). */
  countReads(): RequestHandler {
    return (_req, res, next) => {
      this.settle();
      this.reads++;
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        this.settle();
        this.reads--;
      };
      res.on('finish', end);
      res.on('close', end);
      next();
    };
  }

  /** Runs a write after its turn and charges the time it took. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    await this.turn();
    const start = this.now();
    try {
      return await work();
    } finally {
      this.charge(this.now() - start);
    }
  }

  /**
   * For long write work: call between its steps. Charges the step since the last call, lets
   * waiting requests in, and waits the turn.
   */
  pacer(): () => Promise<void> {
    let last: number | undefined;
    return async () => {
      if (last !== undefined) this.charge(this.now() - last);
      await this.turn();
      last = this.now();
    };
  }

  private charge(ms: number): void {
    this.settle();
    if (this.reads > 0) this.debtMs += (ms * (1 - this.share)) / this.share;
  }

  /** Time with reads in flight pays the debt; without reads nothing is owed. */
  private settle(): void {
    const now = this.now();
    this.debtMs =
      this.reads > 0 ? Math.max(0, this.debtMs - (now - this.settledAt)) : 0;
    this.settledAt = now;
  }

  private async turn(): Promise<void> {
    await setImmediate();
    const deadline = this.now() + this.maxWaitMs;
    for (;;) {
      this.settle();
      const left = deadline - this.now();
      if (this.debtMs <= 0 || left <= 0) return;
      await this.sleep(Math.min(this.debtMs, left, 50));
    }
  }
}
