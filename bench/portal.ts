/* eslint-disable no-console */
// The portal the benchmarks run against: a real Backstage backend (catalog + OpsDeck, real auth
// with a static service token, SQLite files or PostgreSQL) with SERVICES Components owned by
// TEAMS teams, a client, and the data generators. Shared by dora.bench.ts and load.bench.ts.
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';

export const args = process.argv.slice(2);
export const smoke = args.includes('--smoke');
export const usePg = args.includes('--pg');

export const SERVICES = smoke ? 20 : 500;
export const TEAMS = smoke ? 4 : 50;
export const TOKEN = 'opsdeck-bench-token-0123456789';
export const DAY = 86_400_000;
export const END = Date.UTC(2026, 10, 1);
export const START = END - 365 * DAY;

/** Park–Miller RNG: the same data on every run. */
export function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

/** What a benchmark adds to the portal: OpsDeck config and annotations on every Component. */
export interface PortalExtras {
  opsdeck?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

export function catalogYaml(annotations: Record<string, string> = {}): string {
  const docs: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-${t}
spec:
  type: team
  children: []`);
  }
  for (let s = 0; s < SERVICES; s++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc-${s}
  annotations:
    github.com/project-slug: acme/svc-${s}${Object.entries(annotations)
      .map(([key, value]) => `\n    ${key}: ${JSON.stringify(value)}`)
      .join('')}
spec:
  type: service
  lifecycle: production
  owner: group:default/team-${s % TEAMS}`);
  }
  return `${docs.join('\n---\n')}\n`;
}

export function databaseConfig(dir: string, prefix: string) {
  return usePg
    ? {
        client: 'pg',
        connection:
          process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
          'postgresql://postgres@127.0.0.1:5432',
        prefix,
      }
    : { client: 'better-sqlite3', connection: { directory: dir } };
}

export async function startBackend(
  dir: string,
  port: number,
  extras: PortalExtras = {},
) {
  const catalogFile = join(dir, 'catalog.yaml');
  writeFileSync(catalogFile, catalogYaml(extras.annotations));
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        app: { baseUrl: `http://127.0.0.1:${port}` },
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { port, host: '127.0.0.1' },
          database: databaseConfig(dir, `opsdeck_bench_${Date.now()}_`),
          auth: {
            externalAccess: [
              { type: 'static', options: { token: TOKEN, subject: 'bench' } },
            ],
          },
        },
        catalog: {
          rules: [{ allow: ['Component', 'Group', 'Location'] }],
          locations: [{ type: 'file', target: catalogFile }],
        },
        opsdeck: {
          mapping: { refreshInterval: { seconds: 30 } },
          ...extras.opsdeck,
        },
      },
    }),
  );
  backend.add(mockServices.rootLogger.factory({ level: 'warn' }));
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@opsdeck/backstage-plugin-backend'));
  await backend.start();
  return backend;
}

export function client(port: number) {
  const base = `http://127.0.0.1:${port}/api`;
  const headers = { Authorization: `Bearer ${TOKEN}` };
  // A failed connection says why (fetch's own message is only "fetch failed").
  const fetch = (url: string, init?: RequestInit) =>
    globalThis.fetch(url, init).catch(error => {
      throw new Error(
        `${init?.method ?? 'GET'} ${url}: ${error} (${error?.cause})`,
      );
    });
  return {
    async get(path: string): Promise<any> {
      const res = await fetch(`${base}${path}`, { headers });
      if (!res.ok)
        throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    /** GETs an answer built on derived data once every accepted event is in it (reads never derive). */
    async derived(path: string): Promise<any> {
      for (;;) {
        const res = await fetch(`${base}${path}`, { headers });
        if (!res.ok)
          throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
        const answer = await res.json();
        if (answer.pendingEvents === 0) return answer;
        // Not too often: each read takes the backend's one thread from the derivation it waits for.
        await new Promise(r => setTimeout(r, 100));
      }
    },
    async post(path: string, body: unknown): Promise<void> {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 202)
        throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    },
  };
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  seconds = smoke ? 60 : 600,
) {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  for (;;) {
    const value = await fn().catch(error => {
      last = error;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}: ${last}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

export type Item = Record<string, unknown>;

/** One service's history: deployments with 3 changes each, and incidents, over the year. */
export function serviceHistory(
  s: number,
  deployments: number,
  incidents: number,
  tag: string,
  from = START,
) {
  const random = rng(1 + s * 7919 + tag.length);
  const deps: Item[] = [];
  for (let i = 0; i < deployments; i++) {
    const finishedAt = from + Math.floor(random() * (END - from));
    const failed = random() < 0.12;
    deps.push({
      id: `${tag}-${s}-${i}`,
      service: {
        annotation: 'github.com/project-slug',
        value: `acme/svc-${s}`,
      },
      environment: random() < 0.9 ? 'production' : 'staging',
      status: failed ? 'failure' : 'success',
      finishedAt: new Date(finishedAt).toISOString(),
      changes: [0, 1, 2].map(c => ({
        sha: createHash('sha1').update(`${tag}-${s}-${i}-${c}`).digest('hex'),
        time: new Date(
          finishedAt - 1 - Math.floor(random() * 3 * DAY),
        ).toISOString(),
      })),
    });
  }
  const incs: Item[] = [];
  for (let i = 0; i < incidents; i++) {
    const openedAt = START + Math.floor(random() * (END - START));
    incs.push({
      id: `${tag}-${s}-i${i}`,
      service: `component:default/svc-${s}`,
      openedAt: new Date(openedAt).toISOString(),
      ...(random() < 0.95
        ? {
            resolvedAt: new Date(
              openedAt + Math.floor(random() * 8 * 3_600_000),
            ).toISOString(),
          }
        : {}),
    });
  }
  return { deps, incs };
}

/** Sends a history per service in ≤ 500-item batches, as a CI exporter would. */
export async function load(
  api: ReturnType<typeof client>,
  perService: number,
  incidentsPerService: number,
  tag: string,
) {
  const start = performance.now();
  for (let s = 0; s < SERVICES; s++) {
    const { deps, incs } = serviceHistory(
      s,
      perService,
      incidentsPerService,
      tag,
    );
    for (let i = 0; i < deps.length; i += 500) {
      await api.post('/opsdeck/events', {
        version: 1,
        source: 'bench',
        deployments: deps.slice(i, i + 500),
        incidents: i === 0 ? incs : [],
      });
    }
  }
  await api.derived('/opsdeck/org/dora'); // until everything sent is derived
  return (performance.now() - start) / 1000;
}

export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)
  ];
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** With --profile, writes a CPU profile of `fn` to bench/<name>.cpuprofile (git-ignored). */
export async function profiled<T>(
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (!args.includes('--profile')) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(
      resolve(__dirname, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}

/**
 * Starts the portal (its catalog loaded, every Component in the org scope), runs `fn` against
 * it, then stops it and removes its files.
 */
export async function withPortal(
  title: string,
  fn: (
    api: ReturnType<typeof client>,
    port: number,
    dir: string,
    /** The longest event-loop block of the backend since the last call (ms). */
    loopMaxMs: () => Promise<number>,
  ) => Promise<void>,
  options: {
    /** Run the backend in a process of its own (as in production), not in this one. */
    separate?: boolean;
    /** Config and annotations for an in-process backend. */
    extras?: PortalExtras;
  } = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-bench-'));
  const port = await freePort();
  console.log(
    `${title} on ${usePg ? 'PostgreSQL' : 'SQLite'}${
      smoke ? ' (smoke: small data, figures mean little)' : ''
    }${options.separate ? '; backend in its own process' : ''}`,
  );
  const backend = options.separate
    ? await separateBackend(dir, port)
    : await inProcessBackend(dir, port, options.extras);
  const api = client(port);
  try {
    await until('the catalog and the OpsDeck scopes', async () => {
      await api.get(
        `/catalog/entities/by-name/component/default/svc-${SERVICES - 1}`,
      );
      const org = await api.get('/opsdeck/org/dora');
      if (org.scope.services < SERVICES) {
        throw new Error(`the org holds ${org.scope.services} services so far`);
      }
      return true;
    });
    await fn(api, port, dir, backend.loopMaxMs);
  } finally {
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function inProcessBackend(
  dir: string,
  port: number,
  extras?: PortalExtras,
) {
  const backend = await startBackend(dir, port, extras);
  const loopMax = loopMaxSinceLast();
  return { stop: () => backend.stop(), loopMaxMs: async () => loopMax() };
}

/** The longest event-loop block of this process since the last call (ms), from now on. */
export function loopMaxSinceLast(): () => number {
  let blocked = monitorEventLoopDelay({ resolution: 10 });
  blocked.enable();
  return () => {
    blocked.disable();
    const max = blocked.max / 1e6;
    blocked = monitorEventLoopDelay({ resolution: 10 });
    blocked.enable();
    return max;
  };
}

async function separateBackend(dir: string, port: number) {
  const child = fork(
    resolve(__dirname, 'backendProcess.ts'),
    [dir, String(port), ...args],
    {
      execArgv: [
        '--no-experimental-strip-types',
        '--require',
        '@backstage/cli/config/nodeTransform.cjs',
        // A CPU profile of the backend alone, written when it stops.
        ...(process.env.OPSDECK_BENCH_CPU_PROF
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${process.env.OPSDECK_BENCH_CPU_PROF}`,
            ]
          : []),
      ],
    },
  );
  await new Promise<void>((ready, failed) => {
    child.once('message', () => ready());
    child.once('exit', code => failed(new Error(`backend exited ${code}`)));
  });
  return {
    stop: async () => {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    loopMaxMs: () =>
      new Promise<number>(answer => {
        child.once('message', (m: any) => answer(m.loopMaxMs));
        child.send('loop');
      }),
  };
}
