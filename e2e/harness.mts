// A reusable browser-test harness: starts the demo portal (scripts/demo.sh: the built backend in
// production mode, serving the built app, and the demo's Prometheus with the SLO history) on free
// ports with a throwaway SQLite directory, waits until it answers, and drives Debian's Chromium
// through playwright-core. Each test file calls startPortal() once and close() at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
export const SCREENSHOT_DIR = join(ROOT, 'e2e', 'screenshots');
const CHROMIUM = process.env.OPSDECK_CHROMIUM ?? '/usr/bin/chromium';

export interface Portal {
  baseUrl: string;
  /** The portal's data directory (its databases, published golden paths); unknown when attached. */
  dataDir?: string;
  /** The demo's Prometheus the SLO cards read (history + live counters); unknown when attached. */
  prometheusUrl?: string;
  page: Page;
  /** A guest's Backstage token, for asking the backend what the page should show. */
  guestToken(): Promise<string>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}

async function waitFor(url: string, deadlineMs: number, child: ChildProcess) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(
        `the portal exited with code ${child.exitCode}; see e2e/screenshots/portal.log`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the portal did not answer ${url} within ${deadlineMs} ms`);
}

function stopTree(child: ChildProcess) {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // the whole process group: demo.sh's builds, then node
    } catch {
      // already gone
    }
  }
}

/** Chromium as these machines run it (see SETUP-NOTES: no background networking, no sandbox). */
export function launchChromium(profileDir: string) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Starts a fresh demo portal, or — with `OPSDECK_E2E_BASE_URL` set — drives one already running
 * there (for a quick loop while writing tests; CI always starts its own).
 */
export async function startPortal(): Promise<Portal> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (process.env.OPSDECK_E2E_BASE_URL) {
    return attach(process.env.OPSDECK_E2E_BASE_URL);
  }
  const port = await freePort();
  // demo.sh starts the portal's own Prometheus (SLO history + live counters) on this port, in
  // the portal's process group, so stopping the portal stops it too.
  const prometheusPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-e2e-db-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'opsdeck-e2e-profile-'));
  const baseUrl = `http://localhost:${port}`;
  const log = createWriteStream(join(SCREENSHOT_DIR, 'portal.log'));

  // Exactly as a user starts the demo: scripts/demo.sh builds what changed (the first start of a
  // test run builds, later ones are warm) and execs the production backend, so the process group
  // started here holds the whole portal.
  const child = spawn(join(ROOT, 'scripts/demo.sh'), [], {
    cwd: ROOT,
    env: {
      ...process.env,
      OPSDECK_PORT: String(port),
      OPSDECK_PROMETHEUS_PORT: String(prometheusPort),
      OPSDECK_DATA_DIR: dataDir,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const cleanup = () => stopTree(child);
  process.once('exit', cleanup);

  let context: BrowserContext | undefined;
  try {
    await waitFor(`${baseUrl}/api/opsdeck/health`, 120_000, child);
    // Each plugin answers once it has started: the app (the sign-in page) can come after
    // OpsDeck's health on a busy machine, and a first visit would get its 503.
    await waitFor(`${baseUrl}/`, 60_000, child);
    context = await launchChromium(profileDir);
  } catch (error) {
    cleanup();
    throw error;
  }
  const portal = await portalOf(baseUrl, context, dataDir, async () => {
    cleanup();
    process.removeListener('exit', cleanup);
    await new Promise(r => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });
  return { ...portal, prometheusUrl: `http://127.0.0.1:${prometheusPort}` };
}

async function attach(baseUrl: string): Promise<Portal> {
  const profileDir = mkdtempSync(join(tmpdir(), 'opsdeck-e2e-profile-'));
  const context = await launchChromium(profileDir);
  return portalOf(
    baseUrl,
    context,
    process.env.OPSDECK_E2E_DATA_DIR,
    async () => rmSync(profileDir, { recursive: true, force: true }),
  );
}

async function portalOf(
  baseUrl: string,
  context: BrowserContext,
  dataDir: string | undefined,
  stop: () => Promise<void>,
): Promise<Portal> {
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    baseUrl,
    dataDir,
    page,
    async guestToken() {
      const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      const body = (await res.json()) as {
        backstageIdentity: { token: string };
      };
      return body.backstageIdentity.token;
    },
    async screenshot(name: string) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      await stop();
    },
  };
}
