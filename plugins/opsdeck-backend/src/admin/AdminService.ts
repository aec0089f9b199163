import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { authorizeAdmin } from '../permissions/authorize';
import { Projection } from '../derive/Projection';
import { EventStore } from '../store/EventStore';
import {
  DatabaseOpsDeckStore,
  DeliveryStatus,
} from '../store/DatabaseOpsDeckStore';
import { SetAsideMark } from '../store/workQueue';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';

/** How much of a delivery's body the listing shows. */
const BODY_PREVIEW_BYTES = 4096;

/** A page of `GET /admin/deliveries`. @internal */
export interface DeliveriesPage {
  items: Array<{
    source: string;
    deliveryId: string;
    receivedAt: number;
    status: DeliveryStatus;
    reason?: string;
    headers: Record<string, string>;
    bodyBytes: number;
    body: string;
  }>;
  nextCursor?: string;
}

/**
 * What platform admins may do to the DORA data: rebuild everything derived, delete a record.
 * Every call needs `opsdeck.admin`.
 *
 * @internal
 */
export class AdminService {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      events: EventStore;
      projection: Pick<Projection, 'rebuildAll' | 'catchUp'>;
      deliveries: DatabaseOpsDeckStore;
      index: Pick<DatabaseEntityIndexStore, 'unmappedServices'>;
    },
  ) {}

  /** Re-derives every service's facts and every rollup from the stored events. */
  async rebuild(
    credentials: BackstageCredentials,
  ): Promise<{ services: number; days: number }> {
    await this.authorize(credentials);
    return this.options.projection.rebuildAll();
  }

  /** Deletes the record `<source>:<id>` and its events; its days are re-derived before answering. */
  async deleteRecord(
    credentials: BackstageCredentials,
    source: string,
    id: string,
  ): Promise<{
    key: string;
    deleted: Array<'deployment' | 'incident'>;
    events: number;
  }> {
    await this.authorize(credentials);
    const key = `${source}:${id}`;
    const result = await this.options.events.deleteRecord(key);
    if (!result.deleted.length && !result.events) {
      throw new NotFoundError(`No deployment or incident ${key}`);
    }
    await this.options.projection.catchUp();
    return { key, ...result };
  }

  /** Raw deliveries newest first, for debugging a hook; headers are stored redacted. */
  async listDeliveries(
    credentials: BackstageCredentials,
    query: {
      source?: string;
      status?: DeliveryStatus;
      cursor?: string;
      limit?: number;
    },
  ): Promise<DeliveriesPage> {
    await this.authorize(credentials);
    const limit = query.limit ?? 50;
    const rows = await this.options.deliveries.listDeliveries({
      source: query.source,
      status: query.status,
      before: query.cursor === undefined ? undefined : Number(query.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(d => ({
        source: d.source,
        deliveryId: d.deliveryId,
        receivedAt: d.receivedAt,
        status: d.status,
        ...(d.reason ? { reason: d.reason } : {}),
        headers: d.headers,
        bodyBytes: d.body.length,
        body: d.body.subarray(0, BODY_PREVIEW_BYTES).toString('utf8'),
      })),
      ...(rows.length > limit
        ? { nextCursor: String(page[page.length - 1].id) }
        : {}),
    };
  }

  /** Derivation work set aside after its last try, and the queues' sizes. */
  async listSetAside(
    credentials: BackstageCredentials,
    query: { limit?: number },
  ): Promise<{ items: SetAsideMark[]; pending: number; setAside: number }> {
    await this.authorize(credentials);
    const { deliveries } = this.options;
    return {
      items: await deliveries.listSetAside(query.limit ?? 50),
      ...(await deliveries.queueCounts()),
    };
  }

  /** Service identities with stored events that map to no Component: they count nowhere yet. */
  async listUnmapped(
    credentials: BackstageCredentials,
    query: { limit?: number },
  ): Promise<{
    items: Array<{ service: string; deployments: number; incidents: number }>;
  }> {
    await this.authorize(credentials);
    return {
      items: await this.options.index.unmappedServices(query.limit ?? 100),
    };
  }

  /** Puts set-aside work back in line (all, or one service's) and starts a catch-up. */
  async retrySetAside(
    credentials: BackstageCredentials,
    service?: string,
  ): Promise<{ retried: number }> {
    await this.authorize(credentials);
    const retried = await this.options.deliveries.retrySetAside(service);
    this.options.projection.catchUp().catch(() => {}); // failures are kept on the marks again
    return { retried };
  }

  private authorize(credentials: BackstageCredentials) {
    return authorizeAdmin(this.options.permissions, credentials);
  }
}
