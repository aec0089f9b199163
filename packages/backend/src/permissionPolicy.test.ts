import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { opsdeckAdminPermission } from '@opsdeck/backstage-plugin-common';
import { OpsDeckPortalPolicy } from './permissionPolicy';

const user = (ownershipEntityRefs: string[]) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: 'user:default/x',
    ownershipEntityRefs,
  },
  info: { userEntityRef: 'user:default/x', ownershipEntityRefs },
  token: 'token',
  credentials: {} as any,
});

describe('OpsDeckPortalPolicy', () => {
  const policy = new OpsDeckPortalPolicy(new Set(['group:default/platform']));

  it('grants opsdeck.admin to the platform team only', async () => {
    const query = { permission: opsdeckAdminPermission };
    expect(
      (
        await policy.handle(
          query,
          user(['user:default/x', 'group:default/Platform']),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle(query, user(['group:default/payments']))).result,
    ).toBe(AuthorizeResult.DENY);
    expect((await policy.handle(query)).result).toBe(AuthorizeResult.DENY);
  });

  it('lets everyone signed in read', async () => {
    const read = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    expect((await policy.handle({ permission: read }, user([]))).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets no user register catalog locations, the platform team included; backend services may', async () => {
    const create = createPermission({
      name: 'catalog.location.create',
      attributes: { action: 'create' },
    });
    expect((await policy.handle({ permission: create }, user([]))).result).toBe(
      AuthorizeResult.DENY,
    );
    expect(
      (
        await policy.handle(
          { permission: create },
          user(['group:default/platform']),
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
    expect((await policy.handle({ permission: create })).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });
});
