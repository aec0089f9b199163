import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  deliveryIdOfBody,
  OpsDeckWebhookRequest,
  OpsDeckWebhookSource,
} from '@opsdeck/backstage-plugin-node';
import { EventStore } from '../store/EventStore';
import {
  DatabaseOpsDeckStore,
  RawDelivery,
  storableDeliveryId,
} from '../store/DatabaseOpsDeckStore';
import { isTransientFault } from '../store/database';
import { toWebhookRecords } from './webhookItems';
import { ReadsFirst } from '../readsFirst';

/** The answer to a webhook delivery. @internal */
export interface WebhookAnswer {
  /** The provider's delivery id. */
  deliveryId: string;
  /** Seen before: nothing changed. */
  duplicate: boolean;
}

/** Deliveries finished per sweep round. */
const SWEEP_BATCH = 100;

/**
 * Receives webhook deliveries: a source module checks authenticity, the raw delivery is stored
 * (so it can be acknowledged), and then normalised into deployments, incidents and pushes by
 * {@link WebhookService.sweep} — right after the answer, many deliveries per round under load,
 * and again at start and on a schedule for anything a crash or a fault left pending.
 *
 * @internal
 */
export class WebhookService {
  private readonly sources: Map<string, OpsDeckWebhookSource>;
  private sweeping?: Promise<number>;
  private again = false;

  constructor(
    private readonly options: {
      sources: readonly OpsDeckWebhookSource[];
      deliveries: DatabaseOpsDeckStore;
      events: EventStore;
      logger: LoggerService;
    },
  ) {
    this.sources = new Map(options.sources.map(s => [s.id, s]));
  }

  /** The source for a path segment, or a 404 naming the installed ones. */
  source(id: string): OpsDeckWebhookSource {
    const source = this.sources.get(id);
    if (!source) {
      const installed = [...this.sources.keys()].sort().join(', ') || 'none';
      throw new NotFoundError(
        `No OpsDeck webhook source '${id}' is installed (installed: ${installed})`,
      );
    }
    return source;
  }

  /**
   * Stores a verified delivery raw. Returns once it is stored, so it may be acknowledged;
   * a redelivery (same source and delivery id) changes nothing.
   */
  async receive(
    source: OpsDeckWebhookSource,
    request: OpsDeckWebhookRequest,
    deliveryId: string,
    receivedAt: number,
  ): Promise<WebhookAnswer> {
    const { inserted } = await this.options.deliveries.insertDelivery({
      source: source.id,
      deliveryId: deliveryId
        ? storableDeliveryId(deliveryId)
        : deliveryIdOfBody(request.rawBody),
      receivedAt,
      headers: Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) =>
            !source.secretHeaders?.some(
              secret => secret.toLowerCase() === name.toLowerCase(),
            ),
        ),
      ),
      body: request.rawBody,
    });
    return { deliveryId, duplicate: !inserted };
  }

  /** Normalises one stored delivery; false when another runner finished it first. */
  async process(delivery: RawDelivery): Promise<boolean> {
    const source = this.sources.get(delivery.source);
    if (!source) return false; // its module was removed; the delivery stays pending
    const base = {
      id: delivery.id,
      source: delivery.source,
      receivedAt: delivery.receivedAt,
    };
    const none = { deployments: [], incidents: [], pushes: [] };
    let records;
    let ignored: string | undefined;
    try {
      const normalized = source.normalize({
        headers: delivery.headers,
        rawBody: delivery.body,
        receivedAt: delivery.receivedAt,
      });
      records = toWebhookRecords(source.id, normalized, delivery.receivedAt);
      ignored = normalized.ignored;
    } catch (error) {
      return this.options.events.completeDelivery({
        ...base,
        ...none,
        status: 'quarantined',
        reason: String((error as Error).message ?? error).slice(0, 2000),
      });
    }
    const empty =
      !records.deployments.length &&
      !records.incidents.length &&
      !records.pushes.length;
    if (empty) {
      return this.options.events.completeDelivery({
        ...base,
        ...none,
        status: 'quarantined',
        reason: ignored ?? 'nothing in it that OpsDeck uses',
      });
    }
    return this.options.events.completeDelivery({
      ...base,
      ...records,
      status: 'processed',
    });
  }

  /**
   * Normalises what was just stored, after its sender got the answer: deliveries arriving
   * meanwhile join the same round; a failure leaves them (stored, acknowledged) to the next
   * round or the scheduled sweep.
   */
  sweepSoon(onIngested?: () => void): void {
    this.sweep().then(
      done => {
        if (done) onIngested?.();
      },
      error =>
        this.options.logger.warn(
          `OpsDeck could not normalise webhook deliveries yet: ${error}`,
        ),
    );
  }

  /**
   * Finishes pending deliveries, oldest first; one run at a time per process (a call during a
   * run makes it go round once more, so nothing stored meanwhile waits for the next call).
   * Returns how many this run finished.
   */
  sweep(): Promise<number> {
    if (this.sweeping) {
      this.again = true;
      return this.sweeping;
    }
    const run = async () => {
      let done = 0;
      do {
        this.again = false;
        done += await this.sweepAll();
      } while (this.again);
      return done;
    };
    this.sweeping = run().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepAll(): Promise<number> {
    const pace = ReadsFirst.process.pacer();
    let done = 0;
    for (;;) {
      const pending = await this.options.deliveries.pendingDeliveries({
        sources: [...this.sources.keys()],
        limit: SWEEP_BATCH,
      });
      let progressed = 0;
      for (const delivery of pending) {
        // Between deliveries, waiting requests go first — acknowledging new deliveries (store,
        // answer) and reads —, normalising the backlog follows.
        await pace();
        try {
          if (await this.process(delivery)) progressed++;
        } catch (error) {
          if (isTransientFault(error)) throw error; // the next sweep retries
          // A delivery that cannot be stored for another reason must not block the rest.
          this.options.logger.error(
            `OpsDeck could not store webhook delivery ${delivery.source}/${delivery.deliveryId}: ${error}`,
          );
          await this.options.deliveries.markFailed(delivery.id, String(error));
          progressed++;
        }
      }
      done += progressed;
      if (pending.length < SWEEP_BATCH || !progressed) return done;
    }
  }
}
