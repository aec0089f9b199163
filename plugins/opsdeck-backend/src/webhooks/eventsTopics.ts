import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { OpsDeckWebhookSource } from '@opsdeck/backstage-plugin-node';
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { isTransientFault } from '../store/database';
import { MAX_WEBHOOK_BODY_BYTES } from './createWebhookRouter';
import { WebhookService } from './WebhookService';

/** The header stored with a delivery that came through the events system: its topic. */
export const EVENTS_TOPIC_HEADER = 'x-opsdeck-events-topic';

/**
 * A database fault is retried for a few seconds: the events module answers its sender only
 * after its subscribers return, and providers time out after about 10 s.
 */
const storeRetry = retry(handleWhen(isTransientFault), {
  maxAttempts: 3,
  backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 2000 }),
});

/** The body as bytes: what the events module parsed, serialised again as JSON. */
function bodyOf(payload: unknown): Buffer {
  if (Buffer.isBuffer(payload)) return payload;
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  return Buffer.from(JSON.stringify(payload ?? null), 'utf8');
}

/**
 * Subscribes OpsDeck to the topics of Backstage's events system that carry webhook sources'
 * deliveries (e.g. `github.push` from `@backstage/plugin-events-backend-module-github`): each
 * event is stored as the raw delivery it came from — so it is normalised exactly like one that
 * arrived on OpsDeck's own route, and one that arrives both ways is stored once — before the
 * subscriber returns.
 *
 * @internal
 */
export async function subscribeToWebhookTopics(options: {
  events: EventsService;
  webhooks: WebhookService;
  sources: readonly OpsDeckWebhookSource[];
  auditor: AuditorService;
  logger: LoggerService;
  /** Called after new deliveries were normalised. */
  onIngested?: () => void;
}): Promise<string[]> {
  const { events, webhooks, auditor, logger, onIngested } = options;
  const subscribed: string[] = [];
  for (const source of options.sources) {
    const topics = source.events?.topics ?? [];
    if (!topics.length) continue;
    const onEvent = async (event: EventParams) => {
      const rawBody = bodyOf(event.eventPayload);
      if (rawBody.length > MAX_WEBHOOK_BODY_BYTES) {
        logger.warn(
          `OpsDeck skipped a ${source.id} delivery on ${event.topic}: larger than ${MAX_WEBHOOK_BODY_BYTES} bytes`,
        );
        return;
      }
      const request = source.events!.request({
        topic: event.topic,
        payload: event.eventPayload,
        metadata: event.metadata,
      });
      const delivery = {
        headers: { ...request.headers, [EVENTS_TOPIC_HEADER]: event.topic },
        rawBody,
      };
      let answer;
      try {
        answer = await storeRetry.execute(() =>
          webhooks.receive(
            source,
            delivery,
            request.deliveryId ?? '',
            Date.now(),
          ),
        );
      } catch (error) {
        // The events module has answered (or will answer) its sender 2xx whatever happens
        // here: say plainly that this delivery is lost.
        logger.error(
          `OpsDeck lost a ${source.id} delivery${
            request.deliveryId ? ` (${request.deliveryId})` : ''
          } from the events topic ${event.topic}: ${error}`,
        );
        throw error;
      }
      if (answer.duplicate) return;
      const audit = await auditor.createEvent({
        eventId: 'webhook-delivery',
        severityLevel: 'low',
        meta: {
          source: source.id,
          deliveryId: answer.deliveryId,
          topic: event.topic,
        },
      });
      await audit.success();
      webhooks.sweepSoon(onIngested);
    };
    await events.subscribe({
      id: `opsdeck-webhooks-${source.id}`,
      topics,
      onEvent,
    });
    subscribed.push(...topics);
  }
  if (subscribed.length) {
    logger.info(
      `OpsDeck reads webhook deliveries from the events topics ${subscribed.join(
        ', ',
      )}`,
    );
  }
  return subscribed;
}
