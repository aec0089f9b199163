import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { OpsDeckWebhookSource } from '@opsdeck/backstage-plugin-node';
import { randomUUID } from 'node:crypto';
import { authorizeAdmin } from '../permissions/authorize';
import {
  ClaimedTarget,
  DatabaseBackfillStore,
  StoredBackfillRun,
} from '../store/DatabaseBackfillStore';
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
  /** The whole run: targets done of all, and the time left at the pace so far. */
  progress: { done: number; total: number; etaSeconds: number | null };
  sources: BackfillProgress[];
};

/** Most days one backfill imports. */
const MAX_DAYS = 365;

/** Runs `GET /admin/backfill` lists. */
const LISTED = 20;

/** How long a replica holds a target without renewing; default 60 s. */
export const DEFAULT_BACKFILL_LEASE_MS = 60_000;

/**
 * Imports the last N days from the providers' REST APIs for every catalog entity that carries
 * a source's annotation, through the same validation and storage as webhooks (same record keys,
 * so later webhooks for the same records only update them). Runs in the background. Runs, their
 * guard (one at a time) and their progress live in the database: every replica shows them, and
 * works on them — each target under a lease, so targets of a replica that died or restarted are
 * taken over (started again; storing the same records twice changes nothing).
 *
 * @internal
 */
export class BackfillService {
  private readonly abort = new AbortController();
  /** This process, as the holder of leases. */
  private readonly owner = randomUUID();
  private working: Promise<void> | undefined;

  constructor(
    private readonly options: {
      sources: readonly OpsDeckWebhookSource[];
      index: DatabaseEntityIndexStore;
      events: EventStore;
      store: DatabaseBackfillStore;
      permissions: PermissionsService;
      logger: LoggerService;
      /** Called after records were stored (rollups catch up). */
      onIngested: () => void;
      /** How long a target is held without renewal; default 60 s. */
      leaseMs?: number;
    },
  ) {}

  /** Stops running imports (backend shutdown); their targets are taken over after the lease. */
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
          'none (configure integrations.github or integrations.gitlab, or PagerDuty credentials in opsdeck.oncall.pagerduty or the pagerDuty block)'
        }`,
      );
    }
    const targets: Array<{ source: string; target: string }> = [];
    for (const source of chosen) {
      for (const target of await this.options.index.annotationValues(
        source.backfill!.annotation,
      ))
        targets.push({ source: source.id, target });
    }
    const now = Date.now();
    const run = {
      id: randomUUID(),
      days: request.days,
      since: now - request.days * 86_400_000,
      startedAt: now,
      targets,
    };
    if (!(await this.options.store.create(run))) {
      throw new ConflictError('A backfill is already running');
    }
    if (!targets.length) await this.options.store.finishEmpty(run.id, now);
    void this.resume();
    const [stored] = (await this.options.store.recent(LISTED)).filter(
      r => r.id === run.id,
    );
    return toRun(stored, chosen);
  }

  /** Recent runs of any replica, newest first. */
  async list(credentials: BackstageCredentials): Promise<BackfillRun[]> {
    await this.authorize(credentials);
    return (await this.options.store.recent(LISTED)).map(r => toRun(r));
  }

  /**
   * Works off the targets nobody holds — new ones, and those of a replica whose lease ran out —
   * one at a time, until none is left. Called after a start, at start-up and periodically.
   */
  resume(): Promise<void> {
    this.working ??= this.work()
      .catch(error =>
        this.options.logger.error(`OpsDeck backfill failed: ${error}`),
      )
      .finally(() => {
        this.working = undefined;
      });
    return this.working;
  }

  private async work(): Promise<void> {
    const { store } = this.options;
    const leaseMs = this.options.leaseMs ?? DEFAULT_BACKFILL_LEASE_MS;
    while (!this.abort.signal.aborted) {
      const now = Date.now();
      const claimed = await store.claim(this.owner, now, now + leaseMs);
      if (!claimed) return;
      await this.importTarget(claimed, leaseMs);
    }
  }

  private async importTarget(
    claimed: ClaimedTarget,
    leaseMs: number,
  ): Promise<void> {
    const { store, events, sources, onIngested } = this.options;
    // Stops on shutdown, or when another replica took the target over.
    const stop = new AbortController();
    const onShutdown = () => stop.abort();
    this.abort.signal.addEventListener('abort', onShutdown);
    const renew = async (records = 0) => {
      if (
        !(await store.renew(claimed, this.owner, Date.now() + leaseMs, records))
      )
        stop.abort();
    };
    // A slow provider page must not cost the lease.
    const heartbeat = setInterval(
      () => renew().catch(() => {}),
      Math.max(leaseMs / 3, 50),
    );
    heartbeat.unref?.();
    let error: string | undefined;
    try {
      const source = sources.find(s => s.id === claimed.source)?.backfill;
      if (!source) throw new Error(`${claimed.source} can no longer backfill`);
      for await (const page of source.run({
        target: claimed.target,
        since: new Date(claimed.since),
        signal: stop.signal,
      })) {
        if (stop.signal.aborted) break;
        const now = Date.now();
        const records = toWebhookRecords(claimed.source, page, now);
        await events.completeDelivery({
          source: claimed.source,
          receivedAt: now,
          status: 'processed',
          ...records,
        });
        await renew(records.deployments.length + records.incidents.length);
        onIngested();
      }
    } catch (e) {
      error = (e as Error).message;
    } finally {
      clearInterval(heartbeat);
      this.abort.signal.removeEventListener('abort', onShutdown);
    }
    // Shut down or taken over: the lease decides who finishes it.
    if (stop.signal.aborted) return;
    await store.finish(claimed, this.owner, { error }, Date.now());
  }

  private authorize(credentials: BackstageCredentials) {
    return authorizeAdmin(this.options.permissions, credentials);
  }
}

/** A stored run as the API shows it: progress per source and in all. @internal */
export function toRun(
  stored: StoredBackfillRun,
  chosen?: readonly OpsDeckWebhookSource[],
  now = Date.now(),
): BackfillRun {
  const sources = new Map<string, BackfillProgress>(
    (chosen ?? []).map(s => [
      s.id,
      { source: s.id, targets: 0, done: 0, records: 0, errors: [] },
    ]),
  );
  for (const t of stored.targets) {
    let progress = sources.get(t.source);
    if (!progress) {
      progress = {
        source: t.source,
        targets: 0,
        done: 0,
        records: 0,
        errors: [],
      };
      sources.set(t.source, progress);
    }
    progress.targets++;
    progress.records += t.records;
    if (t.status === 'done' || t.status === 'failed') progress.done++;
    if (t.error !== undefined) progress.errors.push(`${t.target}: ${t.error}`);
  }
  const total = stored.targets.length;
  const done = [...sources.values()].reduce((n, p) => n + p.done, 0);
  const elapsed = now - stored.startedAt;
  return {
    id: stored.id,
    days: stored.days,
    startedAt: new Date(stored.startedAt).toISOString(),
    progress: {
      done,
      total,
      // The pace so far: the time per finished target, for the targets left.
      etaSeconds:
        stored.status === 'running' && done > 0 && done < total
          ? Math.ceil(((elapsed / done) * (total - done)) / 1000)
          : null,
    },
    ...(stored.finishedAt === undefined
      ? {}
      : { finishedAt: new Date(stored.finishedAt).toISOString() }),
    status: stored.status,
    sources: [...sources.values()],
  };
}
