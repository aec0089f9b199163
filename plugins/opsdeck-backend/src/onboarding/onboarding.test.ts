import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const checklist = [
  {
    title: 'Get VPN access',
    domain: 'network',
    links: [{ title: 'Request', url: 'https://desk.acme.test/vpn' }],
  },
  { id: 'first-deploy', title: 'Ship your first change' },
];

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

function startOn(knex: Knex) {
  const auditor = mockServices.auditor.mock();
  return startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities: [] }),
      auditor.factory,
      mockServices.rootConfig.factory({
        data: { opsdeck: { onboarding: { checklist } } },
      }),
      createServiceFactory({
        service: coreServices.database,
        deps: {},
        factory: () => ({ getClient: async () => knex }),
      }),
    ],
  }).then(backend => ({ backend, server: backend.server, auditor }));
}

describe.each(databases.eachSupportedId())(
  'onboarding progress on %s',
  databaseId => {
    it("keeps each user's ticks across restarts, and only the user changes them", async () => {
      const knex = await databases.init(databaseId);
      const first = await startOn(knex);
      const api = request(first.server);

      const empty = await api
        .get('/api/opsdeck/onboarding/progress')
        .set(
          'Authorization',
          mockCredentials.user.header(alice.principal.userEntityRef),
        )
        .expect(200);
      expect(empty.body).toMatchObject({
        userRef: 'user:default/alice',
        done: 0,
        total: 2,
      });
      expect(empty.body.steps.map((s: any) => s.id)).toEqual([
        'get-vpn-access',
        'first-deploy',
      ]);
      expect(empty.body.steps[0]).toMatchObject({
        domain: 'network',
        done: false,
      });

      const ticked = await api
        .put('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ step: 'get-vpn-access', done: true })
        .expect(200);
      expect(ticked.body).toMatchObject({ done: 1, total: 2 });
      expect(ticked.body.steps[0].doneAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(first.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'onboarding-progress' }),
      );

      // Bob cannot change Alice's progress, and sees only his own.
      const refused = await api
        .put('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.user.header('user:default/bob'))
        .send({
          step: 'first-deploy',
          done: true,
          userRef: 'user:default/alice',
        })
        .expect(403);
      expect(refused.body.error.message).toContain(
        'you are user:default/bob, not user:default/alice',
      );
      const bobs = await api
        .get('/api/opsdeck/onboarding/progress')
        .set(
          'Authorization',
          mockCredentials.user.header(bob.principal.userEntityRef),
        )
        .expect(200);
      expect(bobs.body).toMatchObject({ userRef: 'user:default/bob', done: 0 });

      // Bad input names the field; services and anonymous callers have no progress.
      const unknown = await api
        .put('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ step: 'nope', done: true })
        .expect(400);
      expect(unknown.body.error.message).toContain(
        'step: no checklist step "nope"',
      );
      const noDone = await api
        .put('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ step: 'first-deploy' })
        .expect(400);
      expect(noDone.body.error.message).toMatch(/done/);
      await api
        .get('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.service.header())
        .expect(403);
      await api
        .get('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
      await first.backend.stop();

      // A restart on the same database keeps Alice's tick; unticking removes it.
      const second = await startOn(knex);
      const after = await request(second.server)
        .get('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .expect(200);
      expect(after.body.steps.map((s: any) => s.done)).toEqual([true, false]);
      const unticked = await request(second.server)
        .put('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ step: 'get-vpn-access', done: false })
        .expect(200);
      expect(unticked.body.done).toBe(0);
      await second.backend.stop();
    });
  },
);
