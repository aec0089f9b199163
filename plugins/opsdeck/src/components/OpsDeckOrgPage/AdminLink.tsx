import { Link } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { opsdeckAdminPermission } from '@opsdeck/backstage-plugin-common';
import { useOptionalPath } from '../shared/glossary';
import { useOpsDeckFormat } from '../shared/format';
import { adminRouteRef } from '../../routes';

function LinkForAdmins(props: { to: string }) {
  const { t } = useOpsDeckFormat();
  const { allowed } = usePermission({ permission: opsdeckAdminPermission });
  if (!allowed) return null;
  return (
    <Link to={props.to} color="inherit" underline="always">
      {t('admin.link')}
    </Link>
  );
}

/**
 * The org page header's link to the administration page: only for holders of `opsdeck.admin`,
 * and only when the app mounts that page.
 *
 * @internal
 */
export function AdminLink() {
  const path = useOptionalPath(adminRouteRef);
  return path ? <LinkForAdmins to={path} /> : null;
}
