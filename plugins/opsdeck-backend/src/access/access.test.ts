import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { inMemoryDatabase } from '../__testUtils__/inMemoryDatabase';

const dataTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'platform-data',
    namespace: 'default',
    annotations: { 'opsdeck.io/platform-domain': 'data' },
  },
  spec: { type: 'team', children: [] },
};

/** Mei is in the data team; Nina is not. */
const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as BackstageUserPrincipal).userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs:
        ref === 'user:default/mei'
          ? [ref, 'group:default/platform-data']
          : [ref],
    };
  },
});

async function start(options: { denyDecide?: boolean } = {}) {
  const auditor = mockServices.auditor.mock();
  const { db, factory } = inMemoryDatabase();
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities: [dataTeam] }),
      userInfo.factory,
      auditor.factory,
      factory,
      ...(options.denyDecide
        ? [
            mockServices.permissions.mock({
              authorize: async reqs =>
                reqs.map(() => ({ result: AuthorizeResult.DENY })),
            }).factory,
          ]
        : []),
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

    // Nina is not in the data team: 403, and nothing changes
    const refused = await request(server)
      .post(`/api/opsdeck/access-requests/${created.body.id}/decision`)
      .set('Authorization', as('user:default/nina'))
      .send({ approve: true })
      .expect(403);
    expect(refused.body.error.message).toContain('group:default/platform-data');
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
});
