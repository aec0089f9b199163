import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise<number>(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Prometheus this test started; `stop` kills it and removes its data. */
export interface TestPrometheus {
  url: string;
  stop: () => void;
}

/**
 * A real Prometheus (Debian's package) on a free port, loaded with a known history through
 * `promtool tsdb create-blocks-from openmetrics`. Under CI a missing Prometheus fails the test
 * (scripts/test.sh installs it).
 */
export async function startPrometheus(
  openMetrics: string[],
): Promise<TestPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-prometheus-'));
  writeFileSync(
    join(dir, 'history.om'),
    `${[...openMetrics, '# EOF'].join('\n')}\n`,
  );
  execFileSync('promtool', [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    join(dir, 'history.om'),
    join(dir, 'data'),
  ]);
  writeFileSync(join(dir, 'prometheus.yml'), 'global: {}\n');
  const port = await freePort();
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      '--storage.tsdb.retention.time=45d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${url}/-/ready`).catch(() => undefined);
    if (ready?.ok) return { url, stop };
    await new Promise(r => setTimeout(r, 100));
  }
  stop();
  throw new Error('Prometheus did not get ready within 20 s');
}

/**
 * Three hours of history ending at `at` (a whole hour), one sample a minute:
 * `http_requests_total{code="200"|"500"}` with 99 good and 1 bad request a minute, except the
 * last 10 minutes, when 20 of every 100 fail; and a gauge `latency_seconds` at 0.1, 0.5 in
 * the last 10 minutes (the sample at `at − 10 min` still 0.1).
 */
export function knownHistory(at: number): string[] {
  const lines = [
    '# HELP http_requests Requests.',
    '# TYPE http_requests counter',
  ];
  for (const code of ['200', '500']) {
    let value = 0;
    for (let t = at - 3 * HOUR; t <= at; t += MINUTE) {
      lines.push(`http_requests_total{code="${code}"} ${value} ${t / 1000}`);
      const late = t >= at - 10 * MINUTE;
      const perMinute = { '200': late ? 80 : 99, '500': late ? 20 : 1 };
      value += perMinute[code as '200' | '500'];
    }
  }
  lines.push(
    '# HELP latency_seconds p99 latency.',
    '# TYPE latency_seconds gauge',
  );
  for (let t = at - 3 * HOUR; t <= at; t += MINUTE) {
    lines.push(
      `latency_seconds ${t > at - 10 * MINUTE ? 0.5 : 0.1} ${t / 1000}`,
    );
  }
  return lines;
}

/**
 * `http_requests_total{service, code}` for each service from `from` to `to` (whole minutes),
 * one sample a minute, at a steady `good` and `bad` requests a minute: every lookback inside
 * the history has the same SLI, good ÷ (good + bad), whatever minute it is evaluated at.
 */
export function steadyHistory(
  from: number,
  to: number,
  services: Record<string, { good: number; bad: number }>,
): string[] {
  const lines = [
    '# HELP http_requests Requests.',
    '# TYPE http_requests counter',
  ];
  for (const [service, rate] of Object.entries(services)) {
    for (const [code, perMinute] of [
      ['200', rate.good],
      ['500', rate.bad],
    ] as const) {
      let value = 0;
      for (let t = from; t <= to; t += MINUTE) {
        lines.push(
          `http_requests_total{service="${service}",code="${code}"} ${value} ${
            t / 1000
          }`,
        );
        value += perMinute;
      }
    }
  }
  return lines;
}
