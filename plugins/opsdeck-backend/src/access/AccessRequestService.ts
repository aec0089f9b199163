import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATIONS,
  AccessRequest,
  PLATFORM_DOMAIN_IDS,
  isPlatformDomainId,
  opsdeckAccessRequestDecidePermission,
} from '@opsdeck/backstage-plugin-common';
import { randomUUID } from 'node:crypto';
import { authorizeOrThrow } from '../permissions/authorize';
import { parsePageLimit } from '../pageLimit';
import { DatabaseAccessRequestStore } from '../store/DatabaseAccessRequestStore';

const text = (value: unknown, field: string, max: number): string => {
  if (typeof value !== 'string' || !value.trim()) {
    throw new InputError(`${field}: required, a non-empty string`);
  }
  if (value.length > max) {
    throw new InputError(`${field}: at most ${max} characters`);
  }
  return value.trim();
};

/**
 * Access requests to a platform domain's resources: asked by a signed-in user, decided by a
 * member of the domain's owning team (and only if the permission policy allows
 * `opsdeck.access-request.decide`).
 *
 * @internal
 */
export class AccessRequestService {
  constructor(
    private readonly options: {
      store: DatabaseAccessRequestStore;
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      permissions: PermissionsService;
    },
  ) {}

  /** The Group annotated as the domain's owner, read as OpsDeck itself. */
  private async ownerOf(domain: string): Promise<string | undefined> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'Group',
          [`metadata.annotations.${ANNOTATIONS.platformDomain}`]: domain,
        },
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items[0] ? stringifyEntityRef(items[0]) : undefined;
  }

  async create(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    body: unknown,
    now = Date.now(),
  ): Promise<AccessRequest> {
    const input = (body ?? {}) as Record<string, unknown>;
    if (!isPlatformDomainId(input.domain)) {
      throw new InputError(`domain: one of ${PLATFORM_DOMAIN_IDS.join(', ')}`);
    }
    const resource = text(input.resource, 'resource', 400);
    const reason = text(input.reason, 'reason', 2000);
    let durationDays: number | undefined;
    if (input.durationDays !== undefined) {
      if (
        !Number.isInteger(input.durationDays) ||
        (input.durationDays as number) < 1 ||
        (input.durationDays as number) > 365
      ) {
        throw new InputError('durationDays: a whole number from 1 to 365');
      }
      durationDays = input.durationDays as number;
    }
    const approver = await this.ownerOf(input.domain);
    if (!approver) {
      throw new InputError(
        `domain: ${input.domain} has no owning team to decide; annotate its Group with ${ANNOTATIONS.platformDomain}: ${input.domain}`,
      );
    }
    return this.options.store.create({
      id: randomUUID(),
      domain: input.domain,
      resource,
      reason,
      ...(durationDays ? { durationDays } : {}),
      requester: credentials.principal.userEntityRef,
      approver,
      createdAt: now,
    });
  }

  list(query: { domain?: unknown; status?: unknown; limit?: unknown }) {
    if (query.domain !== undefined && !isPlatformDomainId(query.domain)) {
      throw new InputError(`domain: one of ${PLATFORM_DOMAIN_IDS.join(', ')}`);
    }
    if (
      query.status !== undefined &&
      !['pending', 'approved', 'rejected'].includes(String(query.status))
    ) {
      throw new InputError('status: pending, approved or rejected');
    }
    const limit = parsePageLimit(query.limit);
    return this.options.store.list({
      domain: query.domain as string | undefined,
      status: query.status as string | undefined,
      limit,
    });
  }

  async decide(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    id: string,
    body: unknown,
    now = Date.now(),
  ): Promise<AccessRequest> {
    const { approve, comment } = (body ?? {}) as Record<string, unknown>;
    if (typeof approve !== 'boolean') {
      throw new InputError('approve: must be true or false');
    }
    if (comment !== undefined && typeof comment !== 'string') {
      throw new InputError('comment: must be a string');
    }
    const request = await this.options.store.get(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      credentials,
    );
    if (!ownershipEntityRefs.includes(request.approver)) {
      throw new NotAllowedError(
        `Only members of ${request.approver} decide ${request.domain} access requests`,
      );
    }
    await authorizeOrThrow(
      this.options.permissions,
      opsdeckAccessRequestDecidePermission,
      credentials,
      'decide access requests',
    );
    const decided = await this.options.store.decide(id, {
      status: approve ? 'approved' : 'rejected',
      decidedBy: credentials.principal.userEntityRef,
      ...(comment ? { comment } : {}),
      decidedAt: now,
    });
    if (!decided) {
      throw new ConflictError(
        `Access request ${id} was already ${request.status}`,
      );
    }
    return (await this.options.store.get(id))!;
  }
}
