import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { opsdeckAdminPermission } from '@opsdeck/backstage-plugin-common';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * Asks the permission policy about one basic permission and answers 403 (naming the
 * permission) unless it allows it.
 *
 * @internal
 */
export async function authorizeOrThrow(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
  /** What the caller tried, e.g. "send events". */
  action: string,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `To ${action} you need the ${permission.name} permission`,
    );
  }
}

/**
 * 403 unless the caller holds `opsdeck.admin` (rebuilds, deletes, deliveries, backfill).
 *
 * @internal
 */
export function authorizeAdmin(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<void> {
  return authorizeOrThrow(
    permissions,
    opsdeckAdminPermission,
    credentials,
    'administer OpsDeck',
  );
}
