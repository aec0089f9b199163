import { chunks, pacedChunks } from './chunks';

/** Holds the thread, as a synchronous better-sqlite3 statement does. */
function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('pacedChunks', () => {
  it('hands out the same chunks as chunks()', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => i);
    const paced: number[][] = [];
    for await (const chunk of pacedChunks(items, 200)) paced.push(chunk);
    expect(paced).toEqual(chunks(items, 200));
  });

  it('lets the event loop run during a long run of synchronous statements', async () => {
    let timerFired = false;
    let chunksBeforeTimer = 0;
    let seen = 0;
    setTimeout(() => {
      timerFired = true;
      chunksBeforeTimer = seen;
    }, 0);
    // 40 chunks of 10 ms of blocking work each: 400 ms that would hold the loop throughout.
    for await (const _chunk of pacedChunks(new Array(40).fill(0), 1)) {
      busy(10);
      seen++;
    }
    expect(timerFired).toBe(true);
    expect(chunksBeforeTimer).toBeLessThan(40);

    // The plain loop holds it until the end.
    let plainFired = false;
    setTimeout(() => {
      plainFired = true;
    }, 0);
    for (const _chunk of chunks(new Array(10).fill(0), 1)) busy(10);
    expect(plainFired).toBe(false);
  });
});
