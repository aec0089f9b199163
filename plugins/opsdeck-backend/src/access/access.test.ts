import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { inMemoryDatabase } from '../__testUtils__/inMemoryDatabase';

const group = (name: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'team', children: [] },
});
const user = (name: string, ...teams: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: teams },
  relations: teams.map(t => ({
    type: 'memberOf',
    targetRef: `group:default/${t}`,
  })),
});
const system = (name: string, domain: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'opsdeck.io/platform-domain': domain },
  },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

/**
 * The data domain's home System is owned by platform-data (Mei, Ken). Nina is on payments; Eve
 * made a Group that claims the data domain by annotation; Ada administers OpsDeck.
 */
const catalog = [
  group('platform-data'),
  group('payments'),
  group('eve-team', { 'opsdeck.io/platform-domain': 'data' }),
  group('security'),
  system('data-platform', 'data', 'platform-data'),
  system('security-home', 'security', 'security'),
  user('mei', 'platform-data'),
  user('ken', 'platform-data'),
  user('nina', 'payments'),
  user('eve', 'eve-team'),
  user('ada'),
];

/** Token claims that say more than the catalog: Nina's token claims platform-data. */
const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as BackstageUserPrincipal).userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: [ref, 'group:default/platform-data'],
    };
  },
});

async function start(
  options: {
    denyDecide?: boolean;
    entities?: Entity[];
    config?: JsonObject;
  } = {},
) {
  const auditor = mockServices.auditor.mock();
  const { db, factory } = inMemoryDatabase();
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities: options.entities ?? catalog }),
      userInfo.factory,
      auditor.factory,
      factory,
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      mockServices.permissions.mock({
        authorize: async (reqs, { credentials }) =>
          reqs.map(r => {
            const me = (credentials.principal as BackstageUserPrincipal)
              .userEntityRef;
            if (r.permission.name === 'opsdeck.admin') {
              return {
                result:
                  me === 'user:default/ada'
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              };
            }
            return {
              result: options.denyDecide
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            };
          }),
      }).factory,
    ],
  });
  return { server, auditor, db };
}

const as = (ref: string) => mockCredentials.user.header(ref);

describe('access requests', () => {
  it('stores a request with requester, reason, resource, approver and time; the domain team decides it', async () => {
    const { server, auditor, db } = await start();
    const created = await request(server)
      .post('/api/opsdeck/access-requests')
      .set('Authorization', as('user:default/nina'))
      .send({
        domain: 'data',
        resource: 'resource:default/postgres-main',
        reason: 'Debug the checkout migration',
        durationDays: 7,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      domain: 'data',
      resource: 'resource:default/postgres-main',
      reason: 'Debug the checkout migration',
      durationDays: 7,
      requester: 'user:default/nina',
      approver: 'group:default/platform-data',
      status: 'pending',
    });
    expect(created.body.createdAt).toMatch(/^\d{4}-/);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'access-request-create' }),
    );

    const listed = await request(server)
      .get('/api/opsdeck/access-requests?domain=data&status=pending')
      .set('Authorization', as('user:default/nina'))
      .expect(200);
    expect(listed.body.items.map((r: any) => r.id)).toEqual([created.body.id]);

    // Nina asked: she never decides it, whatever her token claims.
    const refused = await request(server)
      .post(`/api/opsdeck/access-requests/${created.body.id}/decision`)
      .set('Authorization', as('user:default/nina'))
      .send({ approve: true })
      .expect(403);
    expect(refused.body.error.message).toContain(
      'The requester never decides their own access request',
    );
    expect((await db('opsdeck_access_requests').first()).status).toBe(
      'pending',
    );

    const approved = await request(server)
      .post(`/api/opsdeck/access-requests/${created.body.id}/decision`)
      .set('Authorization', as('user:default/mei'))
      .send({ approve: true, comment: 'read-only, 7 days' })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: 'user:default/mei',
      comment: 'read-only, 7 days',
    });
    expect(approved.body.decidedAt).toMatch(/^\d{4}-/);
    await request(server)
      .post(`/api/opsdeck/access-requests/${created.body.id}/decision`)
      .set('Authorization', as('user:default/mei'))
      .send({ approve: false })
      .expect(409);
  });

  it('names the bad field, refuses anonymous callers and a policy that denies deciding', async () => {
    const { server } = await start({ denyDecide: true });
    for (const [body, field] of [
      [{ domain: 'hr', resource: 'x', reason: 'y' }, 'domain:'],
      [{ domain: 'data', resource: '', reason: 'y' }, 'resource:'],
      [{ domain: 'data', resource: 'x' }, 'reason'],
      [
        { domain: 'network', resource: 'vpn', reason: 'y' },
        'domain: network has no owning team',
      ],
      [{ domain: 'data', resource: 'x'.repeat(401), reason: 'y' }, 'resource:'],
      [
        { domain: 'data', resource: 'x', reason: 'y', durationDays: 0 },
        'durationDays',
      ],
    ] as const) {
      const res = await request(server)
        .post('/api/opsdeck/access-requests')
        .set('Authorization', as('user:default/nina'))
        .send(body)
        .expect(400);
      expect(res.body.error.message).toContain(field);
    }
    await request(server)
      .post('/api/opsdeck/access-requests')
      .set('Authorization', mockCredentials.none.header())
      .send({ domain: 'data', resource: 'x', reason: 'y' })
      .expect(401);
    const created = await request(server)
      .post('/api/opsdeck/access-requests')
      .set('Authorization', as('user:default/nina'))
      .send({ domain: 'data', resource: 'x', reason: 'y' })
      .expect(201);
    const denied = await request(server)
      .post(`/api/opsdeck/access-requests/${created.body.id}/decision`)
      .set('Authorization', as('user:default/mei'))
      .send({ approve: true })
      .expect(403);
    expect(denied.body.error.message).toContain(
      'opsdeck.access-request.decide',
    );
  });

  const ask = (server: any, who: string, domain = 'data') =>
    request(server)
      .post('/api/opsdeck/access-requests')
      .set('Authorization', as(who))
      .send({ domain, resource: 'resource:default/db', reason: 'why' });
  const decide = (server: any, who: string, id: string) =>
    request(server)
      .post(`/api/opsdeck/access-requests/${id}/decision`)
      .set('Authorization', as(who))
      .send({ approve: true });

  it('a member of the approving team never decides her own request; a teammate does', async () => {
    const { server } = await start();
    const mine = await ask(server, 'user:default/mei').expect(201);
    const res = await decide(server, 'user:default/mei', mine.body.id).expect(
      403,
    );
    expect(res.body.error.message).toContain(
      'The requester never decides their own access request',
    );
    const ok = await decide(server, 'user:default/ken', mine.body.id).expect(
      200,
    );
    expect(ok.body.decidedBy).toBe('user:default/ken');
  });

  it("a Group's domain annotation decides nothing, and token claims are not membership", async () => {
    const { server } = await start();
    const created = await ask(server, 'user:default/nina').expect(201);
    expect(created.body.approver).toBe('group:default/platform-data');
    // Eve's group claims the domain by annotation: she cannot even see the request.
    await decide(server, 'user:default/eve', created.body.id).expect(404);
    // Ada's token claims platform-data, but the catalog does not list her as a member.
    const res = await decide(
      server,
      'user:default/ada',
      created.body.id,
    ).expect(403);
    expect(res.body.error.message).toContain(
      'Only direct members of group:default/platform-data',
    );
  });

  it('opsdeck.platform.domains[].owner names the approving team over the home System', async () => {
    const { server } = await start({
      config: {
        opsdeck: { platform: { domains: [{ id: 'data', owner: 'security' }] } },
      },
    });
    const created = await ask(server, 'user:default/nina').expect(201);
    expect(created.body.approver).toBe('group:default/security');
    await decide(server, 'user:default/mei', created.body.id).expect(404);
  });

  it('while two home Systems claim a domain, its requests answer 409 naming both', async () => {
    const { server } = await start({
      entities: [...catalog, system('data-shadow', 'data', 'eve-team')],
    });
    const res = await ask(server, 'user:default/nina').expect(409);
    expect(res.body.error.message).toContain(
      'system:default/data-platform, system:default/data-shadow',
    );
  });

  it('requests and their reasons are seen by the requester, the approving team and admins only; service tokens cannot list them', async () => {
    const { server } = await start();
    const data = await ask(server, 'user:default/nina').expect(201);
    const security = await ask(server, 'user:default/mei', 'security').expect(
      201,
    );
    const seen = async (who: string) =>
      (
        await request(server)
          .get('/api/opsdeck/access-requests')
          .set('Authorization', as(who))
          .expect(200)
      ).body.items
        .map((r: any) => r.id)
        .sort();
    expect(await seen('user:default/nina')).toEqual([data.body.id]);
    expect(await seen('user:default/ken')).toEqual([data.body.id]);
    expect(await seen('user:default/mei')).toEqual(
      [data.body.id, security.body.id].sort(),
    );
    expect(await seen('user:default/eve')).toEqual([]);
    expect(await seen('user:default/ada')).toEqual(
      [data.body.id, security.body.id].sort(),
    );
    await request(server)
      .get('/api/opsdeck/access-requests')
      .set('Authorization', mockCredentials.service.header())
      .expect(403);
  });
});
