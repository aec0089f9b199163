import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { opsdeckAdminPermission } from '@opsdeck/backstage-plugin-common';

/**
 * The portal's policy: `opsdeck.admin` only for members of the configured admin groups
 * (none configured means nobody); no user registers catalog locations herself (golden paths
 * register what they publish with the scaffolder's own credentials, which this policy does not
 * see as a user); everything else for anyone signed in.
 */
export class OpsDeckPortalPolicy implements PermissionPolicy {
  constructor(private readonly adminGroups: ReadonlySet<string>) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name === opsdeckAdminPermission.name) {
      const owns = user?.info.ownershipEntityRefs ?? [];
      return {
        result: owns.some(ref =>
          this.adminGroups.has(ref.toLocaleLowerCase('en-US')),
        )
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (request.permission.name === 'catalog.location.create' && user) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'opsdeck-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const groups =
          config.getOptionalStringArray(
            'opsdeck.permissionPolicy.adminGroups',
          ) ?? [];
        policy.setPolicy(
          new OpsDeckPortalPolicy(
            new Set(groups.map(g => g.toLocaleLowerCase('en-US'))),
          ),
        );
      },
    });
  },
});
