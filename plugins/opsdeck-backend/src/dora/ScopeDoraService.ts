import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ScopeDora,
  opsdeckRollupReadPermission,
  DerivationState,
} from '@opsdeck/backstage-plugin-common';
import { authorizeOrThrow } from '../permissions/authorize';
import { EntityReader, entityReader } from '../catalog/readEntity';
import { RollupAnswers } from './RollupAnswers';
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
      /** Shared reads of entities as the caller; default a catalog read each time. */
      entities?: EntityReader;
      permissions: PermissionsService;
      answers: RollupAnswers;
      /** How far derivation has come. */
      derivation: { state(): Promise<DerivationState> };
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
    const read = (groupRef: string) =>
      this.answer(`${includeChildren ? 'tree' : 'group'}:${groupRef}`, window);
    // The group is read with the caller's credentials while its rollups are read; nothing is
    // returned unless the catalog shows it to the caller.
    const guessed = stringifyEntityRef({ kind: 'group', ...ref });
    const [{ entityRef }, first] = await Promise.all([
      entityReader(this.options).read(
        { kind: 'group', ...ref },
        query.credentials,
      ),
      read(guessed),
    ]);
    const { services, ...answer } =
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
    const { services, ...answer } = await this.answer('org', window);
    return { scope: { type: 'org', services }, ...answer };
  }

  private async answer(
    scope: string,
    window: ReturnType<typeof resolveWindowQuery>,
  ) {
    // How far derivation has come, read before the answer: it never claims more than it holds.
    const state = await this.options.derivation.state();
    const { answer, firstEventAt, members } = await this.options.answers.answer(
      scope,
      window,
    );
    return { services: members, ...answer, firstEventAt, ...state };
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
