import { AccessRequestNotifier } from './accessNotifications';
import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
  PlatformDomainId,
  isPlatformDomainId,
  opsdeckAccessRequestDecidePermission,
  opsdeckAdminPermission,
  resolveDomainOwner,
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
      permissions: PermissionsService;
      /** `opsdeck.platform.domains[].owner` by domain. */
      configuredOwners: ReadonlyMap<string, string>;
      /** Tells the approving team of new requests and the requester of decisions. */
      notifier?: AccessRequestNotifier;
    },
  ) {}

  /**
   * The domain's approving team, by the one rule of {@link resolveDomainOwner}, read as OpsDeck
   * itself; 409 while two home Systems claim the domain, 400 while it has no owner.
   */
  private async ownerOf(domain: PlatformDomainId): Promise<string> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'System',
          [`metadata.annotations.${ANNOTATIONS.platformDomain}`]: domain,
        },
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const ownership = resolveDomainOwner(
      domain,
      items,
      this.options.configuredOwners.get(domain),
    );
    if (ownership.owner !== undefined) return ownership.owner;
    if (ownership.problem === 'two-homes') {
      throw new ConflictError(
        `domain: ${domain} has two home Systems (${ownership.homes.join(
          ', ',
        )}); requests to it wait until one of them drops its ${
          ANNOTATIONS.platformDomain
        } annotation or opsdeck.platform.domains names the owner`,
      );
    }
    throw new InputError(
      `domain: ${domain} has no owning team to decide; give its home System (annotated ${ANNOTATIONS.platformDomain}: ${domain}) an owner, or set opsdeck.platform.domains[].owner`,
    );
  }

  private async isAdmin(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: opsdeckAdminPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The groups the user is a direct member of (catalog `memberOf`), read now — not token claims. */
  private async groupsOf(userRef: string): Promise<string[]> {
    const user = await this.options.catalog.getEntityByRef(userRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return (user?.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef);
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
    const created = await this.options.store.create({
      id: randomUUID(),
      domain: input.domain,
      resource,
      reason,
      ...(durationDays ? { durationDays } : {}),
      requester: credentials.principal.userEntityRef,
      approver,
      createdAt: now,
    });
    await this.options.notifier?.requested(created);
    return created;
  }

  /**
   * Requests the caller may see: all of them for `opsdeck.admin` holders; else their own and
   * those their teams (direct membership) decide.
   */
  async list(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    query: { domain?: unknown; status?: unknown; limit?: unknown },
  ) {
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
    const me = credentials.principal.userEntityRef;
    return this.options.store.list({
      domain: query.domain as string | undefined,
      status: query.status as string | undefined,
      limit,
      ...((await this.isAdmin(credentials))
        ? {}
        : { visibleTo: { requester: me, approvers: await this.groupsOf(me) } }),
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
    const me = credentials.principal.userEntityRef;
    const groups = await this.groupsOf(me);
    // Someone who may not see a request learns nothing of it, not even that it exists.
    if (
      !request ||
      !(
        request.requester === me ||
        groups.includes(request.approver) ||
        (await this.isAdmin(credentials))
      )
    ) {
      throw new NotFoundError(`No access request ${id}`);
    }
    if (request.requester === me) {
      throw new NotAllowedError(
        'The requester never decides their own access request; a member of the approving team does',
      );
    }
    // Decided by the domain's owner now, which may have changed since the request was made.
    const approver = await this.ownerOf(request.domain);
    if (!groups.includes(approver)) {
      throw new NotAllowedError(
        `Only direct members of ${approver} decide ${request.domain} access requests`,
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
      approver,
      decidedBy: me,
      ...(comment ? { comment } : {}),
      decidedAt: now,
    });
    if (!decided) {
      throw new ConflictError(
        `Access request ${id} was already ${request.status}`,
      );
    }
    const stored = (await this.options.store.get(id))!;
    await this.options.notifier?.decided(stored);
    return stored;
  }
}
