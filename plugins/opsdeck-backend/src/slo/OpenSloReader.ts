import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  SloDefinition,
  parseOpenSlo,
} from '@opsdeck/backstage-plugin-common';
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TtlMemo } from '../ttlMemo';

/** The SLOs a Component's annotation names, and what could not be read. */
export interface ComponentSlos {
  /** The annotation value; undefined when the Component has none. */
  annotation?: string;
  slos: Array<{ file: string; slo: SloDefinition }>;
  problems: Array<{ file: string; error: string }>;
  /** Changes whenever the definitions change (cache keys of answers use it). */
  hash: string;
}

type FileRead = { text: string } | { error: string };

/** Largest OpenSLO file read. */
const MAX_FILE_BYTES = 256 * 1024;

/**
 * Reads the OpenSLO v1 files a Component names in `opsdeck.io/openslo` (comma-separated): URLs
 * through Backstage's `UrlReaderService` (only hosts its integrations allow), and, for entities
 * registered from a `file` location, paths relative to that catalog file, read from disk inside
 * its directory (only `.yaml`/`.yml` files; absolute paths, `..` and symlinks out of it are
 * refused; a YAML error quotes no line of the file). A URL-located entity's
 * relative paths resolve against its catalog file's URL. Files are kept for `ttlMs`; concurrent
 * reads of one file share one read.
 *
 * @internal
 */
export class OpenSloReader {
  private readonly files: TtlMemo<FileRead>;
  private readonly parsed: TtlMemo<ComponentSlos>;

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      ttlMs?: number;
      now?: () => number;
    },
  ) {
    const memo = { ttlMs: options.ttlMs ?? 60_000, now: options.now };
    this.files = new TtlMemo(memo);
    this.parsed = new TtlMemo(memo);
  }

  async read(entity: Entity): Promise<ComponentSlos> {
    const annotation = entity.metadata.annotations?.[ANNOTATIONS.openslo];
    if (annotation === undefined || !annotation.trim()) {
      return { slos: [], problems: [], hash: 'none' };
    }
    const location =
      entity.metadata.annotations?.['backstage.io/managed-by-location'] ?? '';
    // Parsed once per annotation and catalog file for the TTL, like the files themselves.
    return this.parsed.get(`${location}\u0000${annotation}`, () =>
      this.parse(annotation, location),
    );
  }

  private async parse(
    annotation: string,
    location: string,
  ): Promise<ComponentSlos> {
    const entries = annotation
      .split(/[,\n]/)
      .map(e => e.trim())
      .filter(Boolean);
    const reads = await Promise.all(
      entries.map(async file => ({
        file,
        read: await this.cachedRead(file, location),
      })),
    );
    const slos: ComponentSlos['slos'] = [];
    const problems: ComponentSlos['problems'] = [];
    const names = new Set<string>();
    for (const { file, read } of reads) {
      if ('error' in read) {
        problems.push({ file, error: read.error });
        continue;
      }
      const docs = parseAllDocuments(read.text);
      const list = Array.isArray(docs) ? docs : [docs];
      let found = 0;
      list.forEach((doc, i) => {
        const where = list.length > 1 ? `document ${i + 1}: ` : '';
        if (doc.errors.length > 0) {
          problems.push({
            file,
            // The parser's first line only: the lines after it quote the file.
            error: `${where}not valid YAML: ${
              doc.errors[0].message.split('\n')[0]
            }`,
          });
          return;
        }
        const value = doc.toJS();
        // OpenSLO files often hold DataSources or SLIs too: only SLOs are evaluated.
        if (value && typeof value === 'object' && value.kind !== 'SLO') return;
        found++;
        const parsed = parseOpenSlo(value);
        if ('error' in parsed) {
          problems.push({ file, error: `${where}${parsed.error}` });
        } else if (names.has(parsed.slo.name)) {
          problems.push({
            file,
            error: `${where}metadata.name: '${parsed.slo.name}' is used by another SLO of this Component`,
          });
        } else {
          names.add(parsed.slo.name);
          slos.push({ file, slo: parsed.slo });
        }
      });
      if (found === 0 && !problems.some(p => p.file === file)) {
        problems.push({
          file,
          error: 'holds no OpenSLO document of kind SLO',
        });
      }
    }
    const hash = createHash('sha256')
      .update(JSON.stringify({ slos, problems }))
      .digest('hex')
      .slice(0, 16);
    return { annotation, slos, problems, hash };
  }

  private cachedRead(file: string, location: string): Promise<FileRead> {
    return this.files.get(`${location}\u0000${file}`, () =>
      this.readOne(file, location).catch(
        (error): FileRead => ({
          error: `could not be read: ${(error as Error).message}`,
        }),
      ),
    );
  }

  private async readOne(file: string, location: string): Promise<FileRead> {
    const target = file.replace(/^url:/, '');
    if (/^https?:\/\//i.test(target)) return this.readUrl(target);
    if (location.startsWith('url:')) {
      return this.readUrl(new URL(target, location.slice(4)).toString());
    }
    if (!location.startsWith('file:')) {
      return {
        error: `is a relative path, but the entity was not registered from a catalog file or URL (backstage.io/managed-by-location: ${
          location || 'none'
        }); use a URL`,
      };
    }
    if (!/\.ya?ml$/i.test(target)) {
      return { error: 'must be a .yaml or .yml file' };
    }
    if (isAbsolute(target)) {
      return {
        error: 'must be a path relative to the catalog file, or a URL',
      };
    }
    const dir = dirname(resolve(location.slice(5)));
    const path = resolve(dir, target);
    const inside = (p: string, d: string) => p.startsWith(d + sep);
    if (!inside(path, dir)) {
      return { error: "is outside the catalog file's directory: refused" };
    }
    // Symlinks may not lead out of the directory either.
    const [realDir, realPath] = await Promise.all([
      realpath(dir),
      realpath(path).catch(() => undefined),
    ]);
    if (realPath === undefined) {
      return { error: 'was not found next to the catalog file' };
    }
    if (!inside(realPath, realDir)) {
      return { error: "is outside the catalog file's directory: refused" };
    }
    const info = await stat(realPath);
    if (!info.isFile()) return { error: 'is not a file' };
    if (info.size > MAX_FILE_BYTES) {
      return { error: `is larger than ${MAX_FILE_BYTES / 1024} KB` };
    }
    return { text: await readFile(realPath, 'utf8') };
  }

  private async readUrl(url: string): Promise<FileRead> {
    const answer = await this.options.urlReader.readUrl(url);
    const buffer = await answer.buffer();
    if (buffer.length > MAX_FILE_BYTES) {
      return { error: `is larger than ${MAX_FILE_BYTES / 1024} KB` };
    }
    return { text: buffer.toString('utf8') };
  }
}
