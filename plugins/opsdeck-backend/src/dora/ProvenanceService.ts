import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ProvenanceItem,
  ProvenancePage,
  toSafeHttpUrl,
  DerivationState,
} from '@opsdeck/backstage-plugin-common';
import { EntityReader, entityReader } from '../catalog/readEntity';
import { resolveWindowQuery } from './windowQuery';
import {
  ProvenanceRecord,
  ProvenanceStore,
} from '../store/DatabaseProvenanceStore';
import { recoveryOf, splitRecordKey } from '../store/rows';
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
      /** Shared reads of entities as the caller; default a catalog read each time. */
      entities?: EntityReader;
      store: ProvenanceStore;
      /** How far derivation has come. */
      derivation: { state(): Promise<DerivationState> };
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
    const { entityRef } = await entityReader(this.options).read(
      ref,
      query.credentials,
    );
    // How far derivation has come, read before the rows: an answer never claims more than it holds.
    const state = await this.options.derivation.state();
    const rows = await this.options.store.listRecords(entityRef, {
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
        detail: { service, ...rest, ...factsDetail(row) },
      };
    });
    const last = items[items.length - 1];
    return {
      ...state,
      items,
      ...(rows.length > limit && last
        ? { nextCursor: encodeCursor(last.time, last.key) }
        : {}),
    };
  }
}

/** What a deployment's facts say about it: failed and why, rework, recovery and what did it. */
function factsDetail(row: ProvenanceRecord): Record<string, unknown> {
  if (row.type !== 'deployment') return {};
  const f = row.facts;
  return {
    failed: f.failed,
    rework: f.rework,
    ...recoveryOf(f.recovery),
    ...(f.explain ? { why: JSON.parse(f.explain) } : {}),
  };
}
