/* eslint-disable no-console */
// The benchmark portal's backend in a process of its own, as in production: the load generator
// and the probes then do not share its event loop. Started by `withPortal({ separate: true })`;
// answers 'loop' messages with the longest event-loop block since the last one.
// Args: <dir> <port> [--pg]
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { loopMaxSinceLast, startBackend } from './portal';

/**
 * With OPSDECK_BENCH_SLOW_MS set, prints every SQLite statement and garbage collection that held
 * the event loop longer than that, and every stall of the loop itself: where a long block comes
 * from; at exit, the statements that took the most time in all.
 */
function reportSlow(thresholdMs: number) {
  // Time per statement text, printed at the end: which statements the time goes to in all.
  const totals = new Map<string, { ms: number; n: number }>();
  process.on('exit', () => {
    const top = [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
    console.log('SQLite time by statement (top 15):');
    for (const [sql, { ms, n }] of top)
      console.log(`  ${ms.toFixed(0)} ms in ${n} runs: ${sql.slice(0, 240)}`);
  });
  const Database = require('better-sqlite3');
  const statement = Object.getPrototypeOf(
    new Database(':memory:').prepare('select 1'),
  );
  for (const method of ['all', 'run', 'get', 'iterate']) {
    const original = statement[method];
    statement[method] = function timed(this: any, ...params: unknown[]) {
      const start = performance.now();
      try {
        return original.apply(this, params);
      } finally {
        const ms = performance.now() - start;
        const sql = String(this.source).replace(/\?(, \?)+/g, '?, …');
        const total = totals.get(sql) ?? { ms: 0, n: 0 };
        totals.set(sql, { ms: total.ms + ms, n: total.n + 1 });
        if (ms > thresholdMs)
          console.log(
            `slow statement ${ms.toFixed(0)} ms: ${String(this.source).slice(
              0,
              300,
            )}`,
          );
      }
    };
  }
  new PerformanceObserver(list => {
    for (const entry of list.getEntries())
      if (entry.duration > thresholdMs)
        console.log(`slow gc ${entry.duration.toFixed(0)} ms`);
  }).observe({ entryTypes: ['gc'] });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 100 + thresholdMs)
      console.log(`event loop stalled ${(now - last - 100).toFixed(0)} ms`);
    last = now;
  }, 100).unref();
}

async function main() {
  const [dir, port] = process.argv.slice(2);
  if (process.env.OPSDECK_BENCH_SLOW_MS)
    reportSlow(Number(process.env.OPSDECK_BENCH_SLOW_MS));
  const backend = await startBackend(dir, Number(port));
  const loopMax = loopMaxSinceLast();
  process.on('message', message => {
    if (message === 'loop') process.send!({ loopMaxMs: loopMax() });
  });
  process.on('SIGTERM', () => {
    backend.stop().finally(() => process.exit(0));
  });
  process.send!('ready');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
