// Helpers for e2e/install.e2e.mts, the proof that the README's install instructions work: read
// the commands from the README, pack the OpsDeck packages as they would be published, serve them
// to Yarn as a registry for the @opsdeck scope, and run processes that are always stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const ROOT = resolve(import.meta.dirname, '..');
export const YARN = join(ROOT, '.yarn/releases/yarn-4.13.0.cjs');
export const INSTALL_HEADING = '## Add OpsDeck to your Backstage app';

// ---------------------------------------------------------------------------------------------
// The README section

/** A change the README asks for in a file: lines inserted before the line holding `before`. */
export interface FileEdit {
  file: string;
  before: string;
  lines: string[];
}

export interface InstallInstructions {
  /** Shell commands, one a line, run in the app's root directory. */
  commands: string[];
  edits: FileEdit[];
  /** The `@opsdeck/*` packages the commands and edits name. */
  packages: string[];
  /** Steps the adopter takes: each command, each edited file. */
  steps: number;
  /** Lines the adopter runs or adds (not the location comments). */
  lines: number;
}

/**
 * The "New frontend system" part of the README's install section, from its fenced code blocks:
 * `bash` blocks are commands, one a line; `ts` blocks start with a location comment
 * (`// <file>, before <text>`) and their other lines go into that file before the first line
 * holding <text>. Anything else there fails, so the README cannot say more than is proven.
 */
export function readInstallInstructions(readme: string): InstallInstructions {
  const lines = readme.split('\n');
  const start = lines.findIndex(l => l.trim() === INSTALL_HEADING);
  if (start < 0)
    throw new Error(`README.md has no "${INSTALL_HEADING}" section`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const section = lines.slice(start + 1, end < 0 ? undefined : end);
  const partStart = section.findIndex(l =>
    l.startsWith('**New frontend system**'),
  );
  if (partStart < 0) {
    throw new Error(
      `"${INSTALL_HEADING}" has no paragraph starting with **New frontend system**`,
    );
  }
  // The part runs to the next paragraph that starts in bold (**Legacy frontend system**, …).
  const partEnd = section.findIndex(
    (l, i) => i > partStart && l.startsWith('**'),
  );
  const part = section.slice(partStart, partEnd < 0 ? undefined : partEnd);

  const commands: string[] = [];
  const edits: FileEdit[] = [];
  for (let i = 0; i < part.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(part[i]);
    if (!fence) continue;
    const close = part.findIndex((l, j) => j > i && l.startsWith('```'));
    if (close < 0)
      throw new Error('an unclosed code block in the install section');
    const body = part.slice(i + 1, close).filter(l => l.trim() !== '');
    i = close;
    if (fence[1] === 'bash' || fence[1] === 'sh') {
      for (const line of body) {
        if (!line.trim().startsWith('#')) commands.push(line.trim());
      }
    } else if (fence[1] === 'ts' || fence[1] === 'typescript') {
      const location = /^\/\/\s*(\S+),\s*before\s+(.+?)\s*$/.exec(
        body[0] ?? '',
      );
      if (!location) {
        throw new Error(
          `a ts block in the install section must start with "// <file>, before <text>", not "${body[0]}"`,
        );
      }
      edits.push({
        file: location[1],
        before: location[2],
        lines: body.slice(1),
      });
    } else {
      throw new Error(
        `the install section has a \`\`\`${fence[1]} block this test cannot run`,
      );
    }
  }
  if (commands.length === 0)
    throw new Error('the install section has no commands');

  const packages = new Set<string>();
  for (const text of [...commands, ...edits.flatMap(e => e.lines)]) {
    for (const match of text.matchAll(/@opsdeck\/[a-z0-9-]+/g))
      packages.add(match[0]);
  }
  return {
    commands,
    edits,
    packages: [...packages].sort(),
    steps: commands.length + edits.length,
    lines: commands.length + edits.reduce((n, e) => n + e.lines.length, 0),
  };
}

/** Applies a README edit to a file of the app; fails when the anchor line is not there. */
export function applyEdit(appDir: string, edit: FileEdit) {
  const path = join(appDir, edit.file);
  const text = readFileSync(path, 'utf8').split('\n');
  const at = text.findIndex(l => l.includes(edit.before));
  if (at < 0) throw new Error(`${edit.file} has no line with "${edit.before}"`);
  const indent = /^\s*/.exec(text[at])![0];
  text.splice(at, 0, ...edit.lines.map(l => indent + l.trim()));
  writeFileSync(path, text.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Processes

const running = new Set<ChildProcess>();

function stopGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal); // the whole process group the child leads
    } catch {
      // already gone
    }
  }
}

/** Stops every process these helpers started (SIGTERM, then SIGKILL after 10 s). */
export async function stopAll() {
  const children = [...running];
  for (const child of children) stopGroup(child, 'SIGTERM');
  const until = Date.now() + 10_000;
  while (
    children.some(c => c.exitCode === null && c.signalCode === null) &&
    Date.now() < until
  ) {
    await new Promise(r => setTimeout(r, 200));
  }
  for (const child of children) stopGroup(child, 'SIGKILL');
  running.clear();
}
process.once('exit', () => {
  for (const child of running) stopGroup(child, 'SIGKILL');
});

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Output goes here (appended). */
  log: string;
  timeoutMs: number;
}

function tail(file: string, lines = 40) {
  try {
    return readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  }
}

/** Starts a process in its own process group, its output appended to the log. */
export function start(
  command: string,
  args: string[],
  opts: Omit<RunOptions, 'timeoutMs'>,
) {
  const fd = openSync(opts.log, 'a');
  writeFileSync(fd, `\n$ ${[command, ...args].join(' ')}   (in ${opts.cwd})\n`);
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Runs a process to its end; throws with the end of its output when it fails or times out. */
export async function run(command: string, args: string[], opts: RunOptions) {
  const child = start(command, args, opts);
  const timer = setTimeout(() => stopGroup(child, 'SIGKILL'), opts.timeoutMs);
  const [code, signal] = await new Promise<[number | null, string | null]>(
    (res, rej) => {
      child.once('error', rej);
      child.once('exit', (c, s) => res([c, s]));
    },
  ).finally(() => clearTimeout(timer));
  if (code !== 0) {
    const why = signal
      ? `was stopped (${signal}; timeout ${opts.timeoutMs / 1000} s)`
      : `exited with ${code}`;
    throw new Error(
      `\`${[command, ...args].join(' ')}\` ${why}; the end of ${
        opts.log
      }:\n${tail(opts.log)}`,
    );
  }
}

/** What the backend logged about plugins that failed to start ("Plugin 'x' startup failed; …"). */
export function startupFailures(log: string) {
  const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
  return [
    ...new Set(text.match(/Plugin '[^']+' startup failed[^"\n]*/g) ?? []),
  ];
}

/**
 * Waits until `url` answers 2xx; fails early when the process serving it exits or the backend
 * logs that a plugin failed to start (its readiness then never comes).
 */
export async function waitForUrl(
  url: string,
  timeoutMs: number,
  server: ChildProcess,
  log: string,
) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `the app exited (${
          server.exitCode ?? server.signalCode
        }) before ${url} answered; the end of ${log}:\n${tail(log, 60)}`,
      );
    }
    const failures = startupFailures(log);
    if (failures.length > 0) {
      throw new Error(
        `the backend did not start (${url} will not answer): ${failures.join(
          '; ',
        )}; see ${log}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `${url} did not answer within ${
      timeoutMs / 1000
    } s; the end of ${log}:\n${tail(log, 60)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Packing

export interface PackedPackage {
  name: string;
  version: string;
  file: string;
  /** The package.json inside the tarball. */
  manifest: Record<string, any>;
}

/** The repository's workspaces under plugins/, by package name. */
function workspaces() {
  const byName = new Map<
    string,
    { dir: string; manifest: Record<string, any> }
  >();
  for (const entry of readdirSync(join(ROOT, 'plugins'))) {
    const path = join(ROOT, 'plugins', entry, 'package.json');
    if (!existsSync(path)) continue;
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    byName.set(manifest.name, { dir: join(ROOT, 'plugins', entry), manifest });
  }
  return byName;
}

/** The named packages and every workspace package they depend on, dependencies first. */
export function packagesToPack(names: string[]) {
  const all = workspaces();
  const order: string[] = [];
  const visit = (name: string, from: string) => {
    const ws = all.get(name);
    if (!ws)
      throw new Error(
        `${from} names ${name}, which is no package under plugins/`,
      );
    if (order.includes(name)) return;
    const m = ws.manifest;
    for (const dep of Object.keys({
      ...m.dependencies,
      ...m.peerDependencies,
      ...m.optionalDependencies,
    })) {
      if (all.has(dep)) visit(dep, name);
    }
    order.push(name);
  };
  for (const name of names) visit(name, 'README.md');
  return order.map(name => ({ name, ...all.get(name)! }));
}

/** The files in a packed tarball (a tar of 512-byte headers and padded files) and its package.json. */
export function readTarball(tarball: string) {
  const tar = gunzipSync(readFileSync(tarball));
  const files = new Set<string>();
  let manifest: Record<string, any> | undefined;
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = tar
      .subarray(at, at + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(
      tar
        .subarray(at + 124, at + 136)
        .toString('utf8')
        .replace(/\0.*$/s, '')
        .trim() || '0',
      8,
    );
    files.add(name.replace(/^package\//, ''));
    if (name === 'package/package.json') {
      manifest = JSON.parse(
        tar.subarray(at + 512, at + 512 + size).toString('utf8'),
      );
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  if (!manifest) throw new Error(`${tarball} has no package/package.json`);
  return { files, manifest };
}

/** Files that main, module, types, exports or typesVersions name and the tarball lacks. */
export function missingFiles(
  manifest: Record<string, any>,
  files: Set<string>,
) {
  const named: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') {
      if (/^(\.\/)?[\w.-]+\/.*\.(c?js|mjs|json|d\.ts)$/.test(value))
        named.push(value.replace(/^\.\//, ''));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  for (const field of [
    'main',
    'module',
    'types',
    'typings',
    'exports',
    'typesVersions',
  ])
    collect(manifest[field]);
  return [...new Set(named)].filter(f => !files.has(f));
}

/**
 * Builds and packs one workspace package as publishing does: `backstage-cli package build`,
 * then `yarn pack` (its prepack/postpack scripts rewrite package.json for publishing and put it
 * back; Yarn turns `workspace:^` into the version). package.json is restored whatever happens.
 * Both run under the lock scripts/lib.sh holds while a backend build rewrites the plugins' dist
 * (without type declarations); a tarball that lacks a file its package.json names is packed
 * again once, then fails.
 */
export async function buildAndPack(
  pkg: { name: string; dir: string },
  outDir: string,
  opts: Omit<RunOptions, 'cwd'>,
): Promise<PackedPackage> {
  const manifestPath = join(pkg.dir, 'package.json');
  const original = readFileSync(manifestPath, 'utf8');
  const file = join(
    outDir,
    `${pkg.name.replace('@', '').replace('/', '-')}.tgz`,
  );
  const steps = `"${join(
    ROOT,
    'node_modules/.bin/backstage-cli',
  )}" package build && "${process.execPath}" "${YARN}" pack --out "${file}"`;
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  const lock = join(ROOT, '.data/backend-build.lock');
  const [command, args] = existsSync('/usr/bin/flock')
    ? ['/usr/bin/flock', [lock, 'sh', '-ec', steps]]
    : ['sh', ['-ec', steps]];
  for (let attempt = 1; ; attempt++) {
    try {
      await run(command, args, { ...opts, cwd: pkg.dir });
    } finally {
      if (readFileSync(manifestPath, 'utf8') !== original)
        writeFileSync(manifestPath, original);
      rmSync(join(pkg.dir, 'package.json-prepack'), { force: true });
    }
    const { files, manifest } = readTarball(file);
    const missing = missingFiles(manifest, files);
    if (missing.length > 0) {
      if (attempt < 2) continue;
      throw new Error(
        `${basename(file)} lacks ${missing.join(
          ', ',
        )}, which its package.json names`,
      );
    }
    for (const field of [
      'dependencies',
      'peerDependencies',
      'optionalDependencies',
    ]) {
      for (const [dep, range] of Object.entries<string>(
        manifest[field] ?? {},
      )) {
        if (/^(workspace|link|file|portal):/.test(range)) {
          throw new Error(
            `${basename(
              file,
            )}: ${field}.${dep} is "${range}", which no registry can resolve`,
          );
        }
      }
    }
    return { name: manifest.name, version: manifest.version, file, manifest };
  }
}

// ---------------------------------------------------------------------------------------------
// A registry for the @opsdeck scope

export interface ScopeRegistry {
  url: string;
  /** Requests it answered, for the log: "200 GET /@opsdeck%2fbackstage-plugin". */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves the packed tarballs as the npm registry serves a package: its packument (every version
 * with `dist.tarball`, `dist.integrity`, `dist.shasum`; `dist-tags.latest`; publish `time`) and
 * the tarball. Packages it does not hold get a 404, as from the registry.
 */
export async function startScopeRegistry(
  packages: PackedPackage[],
  publishedAt: Date,
): Promise<ScopeRegistry> {
  const requests: string[] = [];
  let base = '';
  // Where npmjs keeps a tarball (Yarn then records a plain `npm:<version>` resolution).
  const tarballPath = (p: PackedPackage) =>
    `/${p.name}/-/${p.name.split('/').pop()}-${p.version}.tgz`;
  const tarballs = new Map(packages.map(p => [tarballPath(p), p]));
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const send = (status: number, body: unknown, type = 'application/json') => {
      requests.push(`${status} ${req.method} ${req.url}`);
      res.writeHead(status, { 'content-type': type });
      res.end(
        typeof body === 'string' || Buffer.isBuffer(body)
          ? body
          : JSON.stringify(body),
      );
    };
    const tarball = tarballs.get(path);
    if (tarball)
      return send(200, readFileSync(tarball.file), 'application/octet-stream');
    const name = path.slice(1);
    const versions = packages.filter(p => p.name === name);
    if (versions.length === 0) return send(404, { error: 'Not found' });
    const time = Object.fromEntries(
      versions.map(p => [p.version, publishedAt.toISOString()]),
    );
    send(200, {
      name,
      'dist-tags': { latest: versions[versions.length - 1].version },
      versions: Object.fromEntries(
        versions.map(p => {
          const data = readFileSync(p.file);
          return [
            p.version,
            {
              ...p.manifest,
              _id: `${p.name}@${p.version}`,
              dist: {
                tarball: `${base}${tarballPath(p)}`,
                shasum: createHash('sha1').update(data).digest('hex'),
                integrity: `sha512-${createHash('sha512')
                  .update(data)
                  .digest('base64')}`,
              },
            },
          ];
        }),
      ),
      time: {
        created: publishedAt.toISOString(),
        modified: publishedAt.toISOString(),
        ...time,
      },
    });
  });
  await new Promise<void>(res => server.listen(0, '127.0.0.1', res));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>(res => {
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}
