import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ProvenanceItem,
  ProvenancePage,
  toSafeHttpUrl,
} from '@opsdeck/backstage-plugin-common';
import { readEntityAsCaller } from '../catalog/readEntity';
import { resolveWindowQuery } from './windowQuery';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { DatabaseEventStore } from '../store/DatabaseEventStore';
import { DatabaseDoraQueries } from '../store/DatabaseDoraQueries';
import { splitRecordKey } from '../store/rows';
import { parsePageLimit } from '../pageLimit';

const encodeCursor = (t: number, key: string) =>
  Buffer.from(JSON.stringify({ t, key })).toString('base64url');

function decodeCursor(
  cursor: string | undefined,
): { t: number; key: string } | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value.t === 'number' && typeof value.key === 'string')
      return value;
  } catch {
    // fall through
  }
  throw new InputError('cursor: not a cursor this API gave out');
}

/**
 * `GET /entities/…/events`: the deployments and incidents behind an entity's numbers, newest
 * first, cursor-paginated, each with its link back to the source.
 *
 * @internal
 */
export class ProvenanceService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      queries: DatabaseDoraQueries;
      index: DatabaseEntityIndexStore;
      /** Brings the entity's facts up to date with what was ingested (read-your-writes). */
      facts: Pick<DatabaseEventStore, 'refreshPendingFacts'>;
    },
  ) {}

  async list(
    ref: CompoundEntityRef,
    query: {
      credentials: BackstageCredentials;
      type?: string;
      from?: string;
      to?: string;
      cursor?: string;
      limit?: string;
    },
  ): Promise<ProvenancePage> {
    if (
      query.type !== undefined &&
      query.type !== 'deployment' &&
      query.type !== 'incident'
    ) {
      throw new InputError('type: must be deployment or incident');
    }
    const limit = parsePageLimit(query.limit);
    const window = resolveWindowQuery(query);
    const after = decodeCursor(query.cursor);
    const { entityRef } = await readEntityAsCaller(
      this.options.catalog,
      ref,
      query.credentials,
    );
    const services = await this.options.index.identitiesOf(entityRef);
    await this.options.facts.refreshPendingFacts(services);
    const rows = await this.options.queries.listRecords(services, {
      ...window,
      type: query.type as 'deployment' | 'incident' | undefined,
      after,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map((row): ProvenanceItem => {
      const { source, externalId } = splitRecordKey(row.record.key);
      const { url, title, key, service, ...rest } = row.record;
      return {
        type: row.type,
        key,
        source,
        id: externalId,
        time: row.t,
        ...(title ? { title } : {}),
        ...(toSafeHttpUrl(url) ? { url: toSafeHttpUrl(url) } : {}),
        detail: {
          service,
          ...rest,
          ...(row.type === 'deployment' ? row.facts : {}),
        },
      };
    });
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > limit && last
        ? { nextCursor: encodeCursor(last.time, last.key) }
        : {}),
    };
  }
}
