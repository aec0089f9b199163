import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { burnRate, errorBudget } from '@opsdeck/backstage-plugin-common';
import { PrometheusSliProvider } from './PrometheusSliProvider';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The evaluation time: a whole hour, on a sample. */
const AT = Math.floor(Date.now() / HOUR) * HOUR;

/** A real Prometheus (Debian's package) on a free port, loaded with a known history. */
async function startPrometheus(): Promise<{ url: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-prometheus-'));
  // Three hours of two counters, one sample a minute: 99 good and 1 bad request per minute,
  // except the last 10 minutes, when 20 of every 100 fail.
  const lines = [
    '# HELP http_requests Requests.',
    '# TYPE http_requests counter',
  ];
  for (const code of ['200', '500']) {
    let value = 0;
    for (let t = AT - 3 * HOUR; t <= AT; t += MINUTE) {
      lines.push(`http_requests_total{code="${code}"} ${value} ${t / 1000}`);
      const late = t >= AT - 10 * MINUTE;
      const perMinute = { '200': late ? 80 : 99, '500': late ? 20 : 1 };
      value += perMinute[code as '200' | '500'];
    }
  }
  lines.push('# EOF');
  writeFileSync(join(dir, 'history.om'), `${lines.join('\n')}\n`);
  execFileSync('promtool', [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    join(dir, 'history.om'),
    join(dir, 'data'),
  ]);
  writeFileSync(join(dir, 'prometheus.yml'), 'global: {}\n');
  const port = await new Promise<number>(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
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

/** Within a relative 1e-9 of the hand-derived value. */
const near = (actual: number | null | undefined, expected: number) =>
  expect(
    Math.abs((actual as number) - expected) / Math.abs(expected),
  ).toBeLessThanOrEqual(1e-9);

describe('PrometheusSliProvider against a real Prometheus', () => {
  let prometheus: { url: string; stop: () => void };
  beforeAll(async () => {
    prometheus = await startPrometheus();
  });
  afterAll(() => prometheus?.stop());

  const sli = {
    count: 'good' as const,
    numerator: { type: 'prometheus', query: 'http_requests_total{code="200"}' },
    total: { type: 'prometheus', query: 'http_requests_total' },
  };

  it('counts good and total over a window at a fixed time, and says which query it ran', async () => {
    const provider = new PrometheusSliProvider({ baseUrl: prometheus.url });
    // Two hours before the last 10 minutes: 99 of 100 each minute. Over the last hour: 50
    // minutes at 99 + 10 at 80 good = 5 750 of 6 000 (increase() extrapolates the 59 steps
    // between the hour's 60 samples to the whole hour).
    const hour = await provider.counts(sli, HOUR, AT);
    near(hour.good, 5_750);
    near(hour.total, 6_000);
    expect(hour.queries.numerator).toBe(
      'sum(increase(http_requests_total{code="200"}[3600s]))',
    );
    // At 99.9 %: SLI 5 750 ÷ 6 000 = 0.958333…; burn = (1 − SLI) ÷ 0.001 = 41.666…
    near(burnRate(0.999, hour), 250 / 6_000 / 0.001);
    // The last 5 minutes: 80 of 100 each minute → burn 200 at 99.9 %.
    const fiveMinutes = await provider.counts(sli, 5 * MINUTE, AT);
    near(fiveMinutes.good, 400);
    near(fiveMinutes.total, 500);
    near(burnRate(0.999, fiveMinutes), 200);
    // Counting bad requests gives the same SLI.
    const bad = await provider.counts(
      {
        count: 'bad',
        numerator: {
          type: 'prometheus',
          query: 'http_requests_total{code="500"}',
        },
        total: sli.total,
      },
      HOUR,
      AT,
    );
    near(bad.good, 5_750);
    near(errorBudget(0.95, bad)?.remaining ?? NaN, 1 - 250 / 6_000 / 0.05);
  });

  it('answers no data (total 0) before the history starts, and a clear error for a bad query', async () => {
    const provider = new PrometheusSliProvider({ baseUrl: prometheus.url });
    const before = await provider.counts(sli, HOUR, AT - 5 * HOUR);
    expect(before.total).toBe(0);
    expect(errorBudget(0.999, before)).toBeNull();
    await expect(
      provider.counts(
        { ...sli, numerator: { type: 'prometheus', query: 'rate(' } },
        HOUR,
        AT,
      ),
    ).rejects.toThrow(/Prometheus answered 400/);
  });
});
