import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { opsdeckAdminPermission } from '@opsdeck/backstage-plugin-common';
import { authorizeOrThrow } from '../permissions/authorize';
import { RollupService } from '../rollups/RollupService';
import { DatabaseEventStore } from '../store/DatabaseEventStore';

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
      events: DatabaseEventStore;
      rollups: RollupService;
    },
  ) {}

  /** Re-derives every service's facts and every rollup from the stored events. */
  async rebuild(
    credentials: BackstageCredentials,
  ): Promise<{ services: number; days: number }> {
    await this.authorize(credentials);
    const services = await this.options.events.rebuildAllFacts();
    const days = await this.options.rollups.rebuildAll();
    return { services, days };
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
    await this.options.rollups.catchUp();
    return { key, ...result };
  }

  private authorize(credentials: BackstageCredentials) {
    return authorizeOrThrow(
      this.options.permissions,
      opsdeckAdminPermission,
      credentials,
      'administer OpsDeck',
    );
  }
}
