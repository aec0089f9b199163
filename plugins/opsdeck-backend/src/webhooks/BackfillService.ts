import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { OpsDeckWebhookSource } from '@opsdeck/backstage-plugin-node';
import { randomUUID } from 'node:crypto';
import { authorizeAdmin } from '../permissions/authorize';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { EventStore } from '../store/EventStore';
import { toWebhookRecords } from './webhookItems';

/** One source's part of a backfill run. @internal */
export type BackfillProgress = {
  source: string;
  /** Annotation values to import (repositories, projects, services). */
  targets: number;
  /** Targets finished (imported or failed). */
  done: number;
  /** Deployments and incidents updates stored. */
  records: number;
  /** What failed, per target. */
  errors: string[];
};

/** A backfill run, as `GET /admin/backfill` shows it. @internal */
export type BackfillRun = {
  id: string;
  days: number;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'done' | 'failed';
  sources: BackfillProgress[];
};

/** Most days one backfill imports. */
const MAX_DAYS = 365;

/**
 * Imports the last N days from the providers' REST APIs for every catalog entity that carries
 * a source's annotation, through the same validation and storage as webhooks (same record keys,
 * so later webhooks for the same records only update them). Runs in the background; progress
 * is kept in memory, per backend process.
 *
 * @internal
 */
export class BackfillService {
  private readonly runs: BackfillRun[] = [];
  private readonly abort = new AbortController();

  constructor(
    private readonly options: {
      sources: readonly OpsDeckWebhookSource[];
      index: DatabaseEntityIndexStore;
      events: EventStore;
      permissions: PermissionsService;
      logger: LoggerService;
      /** Called after records were stored (rollups catch up). */
      onIngested: () => void;
    },
  ) {}

  /** Stops running imports (backend shutdown). */
  stop() {
    this.abort.abort();
  }

  async start(
    credentials: BackstageCredentials,
    request: { days: number; sources?: string[] },
  ): Promise<BackfillRun> {
    await this.authorize(credentials);
    if (
      !Number.isInteger(request.days) ||
      request.days < 1 ||
      request.days > MAX_DAYS
    ) {
      throw new InputError(
        `days: must be a whole number from 1 to ${MAX_DAYS}`,
      );
    }
    const able = this.options.sources.filter(s => s.backfill);
    const chosen = request.sources
      ? able.filter(s => request.sources!.includes(s.id))
      : able;
    const unknown = (request.sources ?? []).filter(
      id => !able.some(s => s.id === id),
    );
    if (unknown.length || !chosen.length) {
      throw new InputError(
        `sources: ${
          unknown.length ? `${unknown.join(', ')} cannot backfill; ` : ''
        }sources that can: ${
          able.map(s => s.id).join(', ') ||
          'none (set opsdeck.webhooks.<source>.token for github, gitlab or pagerduty)'
        }`,
      );
    }
    if (this.runs.some(r => r.status === 'running')) {
      throw new ConflictError('A backfill is already running');
    }
    const run: BackfillRun = {
      id: randomUUID(),
      days: request.days,
      startedAt: new Date().toISOString(),
      status: 'running',
      sources: [],
    };
    const plan = [];
    for (const source of chosen) {
      const targets = await this.options.index.annotationValues(
        source.backfill!.annotation,
      );
      const progress: BackfillProgress = {
        source: source.id,
        targets: targets.length,
        done: 0,
        records: 0,
        errors: [],
      };
      run.sources.push(progress);
      plan.push({ source, targets, progress });
    }
    this.runs.unshift(run);
    this.runs.splice(20);
    const since = new Date(Date.now() - request.days * 86_400_000);
    (async () => {
      for (const { source, targets, progress } of plan) {
        for (const target of targets) {
          try {
            for await (const page of source.backfill!.run({
              target,
              since,
              signal: this.abort.signal,
            })) {
              const now = Date.now();
              const records = toWebhookRecords(source.id, page, now);
              await this.options.events.completeDelivery({
                source: source.id,
                receivedAt: now,
                status: 'processed',
                ...records,
              });
              progress.records +=
                records.deployments.length + records.incidents.length;
              this.options.onIngested();
            }
          } catch (error) {
            progress.errors.push(`${target}: ${(error as Error).message}`);
          }
          progress.done++;
        }
      }
      run.status = run.sources.every(
        s => s.errors.length < s.targets || !s.targets,
      )
        ? 'done'
        : 'failed';
    })()
      .catch(error => {
        run.status = 'failed';
        this.options.logger.error(`OpsDeck backfill failed: ${error}`);
      })
      .finally(() => {
        run.finishedAt = new Date().toISOString();
      });
    return run;
  }

  /** Recent runs, newest first. */
  async list(credentials: BackstageCredentials): Promise<BackfillRun[]> {
    await this.authorize(credentials);
    return this.runs;
  }

  private authorize(credentials: BackstageCredentials) {
    return authorizeAdmin(this.options.permissions, credentials);
  }
}
