import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';

const user = (name: string, team?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: team ? [team] : [] },
  relations: team
    ? [{ type: 'memberOf', targetRef: `group:default/${team}` }]
    : [],
});

/** The data domain is decided by platform-data: Mei and Ken. Nina asks. */
const catalog: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-data', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: ['mei', 'ken'].map(u => ({
      type: 'hasMember',
      targetRef: `user:default/${u}`,
    })),
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'data-platform',
      namespace: 'default',
      annotations: { 'opsdeck.io/platform-domain': 'data' },
    },
    spec: { owner: 'platform-data' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-data' }],
  },
  user('mei', 'platform-data'),
  user('ken', 'platform-data'),
  user('nina'),
];

const as = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

/** What a user sees in Backstage's notifications, newest first: title — description. */
async function inbox(server: Parameters<typeof request>[0], name: string) {
  const res = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', as(name))
    .expect(200);
  return (
    res.body.notifications as Array<{
      payload: { title: string; description: string; link: string };
    }>
  ).map(n => `${n.payload.title} — ${n.payload.description}`);
}

/** OpsDeck, the notifications backend and a catalog; `opsdeck` config on top. */
const start = (opsdeck: object = {}) =>
  startTestBackend({
    features: [
      opsdeckPlugin,
      notificationsBackend,
      catalogServiceMock.factory({ entities: catalog }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, opsdeck },
      }),
    ],
  });

describe('access request notifications (through the notifications plugin)', () => {
  it('ask the approving team to decide, tell the requester the decision, and mark the team’s as decided', async () => {
    const { server } = await start();
    const created = await request(server)
      .post('/api/opsdeck/access-requests')
      .set('Authorization', as('nina'))
      .send({
        domain: 'data',
        resource: 'warehouse read replica',
        reason: 'Quarterly revenue report',
        durationDays: 7,
      })
      .expect(201);

    const toDecide =
      'Access request to decide: warehouse read replica — nina asks for warehouse read replica (data) for 7 days: “Quarterly revenue report”';
    expect(await inbox(server, 'mei')).toEqual([toDecide]);
    expect(await inbox(server, 'ken')).toEqual([toDecide]);
    expect(await inbox(server, 'nina')).toEqual([]);

    await request(server)
      .post(`/api/opsdeck/access-requests/${created.body.id}/decision`)
      .set('Authorization', as('mei'))
      .send({ approve: true, comment: 'Read-only, 7 days' })
      .expect(200);

    expect(await inbox(server, 'nina')).toEqual([
      'Access request approved: warehouse read replica — mei approved your request for warehouse read replica (data): “Read-only, 7 days”',
    ]);
    // Ken's "to decide" is now the decision, not a second notification.
    expect(await inbox(server, 'ken')).toEqual([
      "Access request approved by mei: warehouse read replica — nina's request for warehouse read replica (data) is decided; nothing is left to do.",
    ]);
  });

  it('can be turned off', async () => {
    const { server } = await start({ notifications: { enabled: false } });
    await request(server)
      .post('/api/opsdeck/access-requests')
      .set('Authorization', as('nina'))
      .send({ domain: 'data', resource: 'warehouse', reason: 'Report' })
      .expect(201);
    expect(await inbox(server, 'mei')).toEqual([]);
  });
});
