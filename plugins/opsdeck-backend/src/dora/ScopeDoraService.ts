import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BenchmarkSet,
  ScopeDora,
  opsdeckRollupReadPermission,
  DerivationState,
} from '@opsdeck/backstage-plugin-common';
import { authorizeOrThrow } from '../permissions/authorize';
import { readEntityAsCaller } from '../catalog/readEntity';
import { RollupTotals } from './RollupTotals';
import { RollupStore } from '../store/RollupStore';
import { doraAnswer } from './doraAnswer';
import { resolveWindowQuery } from './windowQuery';

/**
 * DORA of a group (what it owns, optionally with its child groups) or the whole organisation,
 * from the daily rollups only — never the raw events; reads never write.
 *
 * @internal
 */
export class ScopeDoraService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      rollups: RollupTotals;
      store: RollupStore;
      /** How far derivation has come. */
      derivation: { state(): Promise<DerivationState> };
      benchmark: BenchmarkSet;
    },
  ) {}

  async getGroupDora(
    ref: { namespace: string; name: string },
    query: {
      includeChildren?: boolean;
      from?: string;
      to?: string;
      credentials: BackstageCredentials;
      now?: number;
    },
  ): Promise<ScopeDora> {
    const window = resolveWindowQuery(query);
    await this.authorize(query.credentials);
    const includeChildren = query.includeChildren ?? false;
    const read = async (groupRef: string) => {
      const scope = `${includeChildren ? 'tree' : 'group'}:${groupRef}`;
      return {
        services: await this.options.store.memberCount(scope),
        answer: await this.answer(scope, window),
      };
    };
    // The group is read with the caller's credentials while its rollups are read; nothing is
    // returned unless the catalog shows it to the caller.
    const guessed = stringifyEntityRef({ kind: 'group', ...ref });
    const [{ entityRef }, first] = await Promise.all([
      readEntityAsCaller(
        this.options.catalog,
        { kind: 'group', ...ref },
        query.credentials,
      ),
      read(guessed),
    ]);
    const { services, answer } =
      entityRef === guessed ? first : await read(entityRef);
    return {
      scope: { type: 'group', entityRef, includeChildren, services },
      ...answer,
    };
  }

  async getOrgDora(query: {
    from?: string;
    to?: string;
    credentials: BackstageCredentials;
    now?: number;
  }): Promise<ScopeDora> {
    const window = resolveWindowQuery(query);
    await this.authorize(query.credentials);
    return {
      scope: {
        type: 'org',
        services: await this.options.store.memberCount('org'),
      },
      ...(await this.answer('org', window)),
    };
  }

  private async answer(
    scope: string,
    window: ReturnType<typeof resolveWindowQuery>,
  ) {
    const { rollups, benchmark, derivation } = this.options;
    return {
      ...(await doraAnswer(window, benchmark, windows =>
        rollups.totals(scope, windows),
      )),
      firstEventAt: await rollups.firstEventAt(scope),
      ...(await derivation.state()),
    };
  }

  private authorize(credentials: BackstageCredentials) {
    return authorizeOrThrow(
      this.options.permissions,
      opsdeckRollupReadPermission,
      credentials,
      'read team and organisation DORA',
    );
  }
}
