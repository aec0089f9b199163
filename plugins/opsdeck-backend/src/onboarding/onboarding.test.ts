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
import { Entity } from '@backstage/catalog-model';
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

function startOn(
  knex: Knex,
  options: { entities?: Entity[]; onboarding?: object } = {},
) {
  const auditor = mockServices.auditor.mock();
  return startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      auditor.factory,
      mockServices.rootConfig.factory({
        data: { opsdeck: { onboarding: options.onboarding ?? { checklist } } },
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
        'step: no onboarding step "nope"',
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

    it('ticks steps from real data: a change of hers in production, her first on-call shift', async () => {
      const knex = await databases.init(databaseId);
      const user = (name: string) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name, namespace: 'default' },
        spec: {
          profile: { email: `${name}@acme.test` },
          memberOf: ['payments'],
        },
        relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
      });
      const payments = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: 'payments',
          namespace: 'default',
          annotations: {
            // Alice's weeks alternate with Bob's since January: she has had shifts.
            'opsdeck.io/oncall-rotation':
              '{"members":["user:default/bob","user:default/alice"],"every":"P1W","handoff":"MON 09:00","tz":"UTC","start":"2026-01-05"}',
          },
        },
        spec: { type: 'team', children: [] },
      };
      const { backend, server } = await startOn(knex, {
        entities: [user('alice'), user('bob'), payments] as Entity[],
        onboarding: {
          quests: [
            {
              title: 'How a change reaches production here',
              docs: { entityRef: 'system:default/delivery-platform' },
              steps: [
                { title: 'Open your pipeline', mine: 'pipeline' },
                {
                  id: 'ship',
                  title: 'Ship a change',
                  auto: 'first-production-change',
                },
              ],
            },
            {
              title: 'On-call',
              steps: [
                {
                  id: 'shadow',
                  title: 'Shadow a shift',
                  auto: 'first-oncall-shift',
                },
              ],
            },
          ],
          checklist,
        },
      });
      const progress = async (who: string) =>
        (
          await request(server)
            .get('/api/opsdeck/onboarding/progress')
            .set('Authorization', mockCredentials.user.header(who))
            .expect(200)
        ).body;

      const before = await progress('user:default/alice');
      expect(before.quests.map((q: any) => [q.id, q.total])).toEqual([
        ['how-a-change-reaches-production-here', 2],
        ['on-call', 1],
        ['first-week', 2],
      ]);
      expect(before.quests[0].docs).toEqual({
        entityRef: 'system:default/delivery-platform',
      });
      const step = (body: any, id: string) =>
        body.steps.find((s: any) => s.id === id);
      expect(step(before, 'ship')).toMatchObject({ done: false });
      expect(step(before, 'shadow')).toMatchObject({
        done: true,
        doneBy: 'auto',
        evidence: { entityRef: 'group:default/payments', level: 1 },
      });
      expect(before.shift).toMatchObject({
        entityRef: 'group:default/payments',
        level: 1,
      });

      // A staging deployment of her change does not count; the production one does.
      const when = (hoursAgo: number) =>
        new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
      const deployment = (
        id: string,
        environment: string,
        hoursAgo: number,
      ) => ({
        id,
        service: 'component:default/checkout',
        environment,
        status: 'success',
        finishedAt: when(hoursAgo),
        title: `Deploy ${id}`,
        changes: [
          { sha: 'abc1234', time: when(30), authorEmail: 'Alice@ACME.test' },
        ],
      });
      const send = (deployments: object[]) =>
        request(server)
          .post('/api/opsdeck/events')
          .set('Authorization', mockCredentials.service.header())
          .send({ version: 1, source: 'ci', deployments });
      await send([deployment('s1', 'staging', 5)]).expect(202);
      expect(step(await progress('user:default/alice'), 'ship').done).toBe(
        false,
      );
      await send([deployment('p1', 'production', 2)]).expect(202);
      const after = await progress('user:default/alice');
      expect(step(after, 'ship')).toMatchObject({
        done: true,
        doneBy: 'auto',
        evidence: { title: 'Deploy p1' },
      });
      expect(Date.parse(step(after, 'ship').doneAt)).toBeGreaterThan(
        Date.now() - 3 * 3_600_000,
      );
      // The page keeps what a check found, so it stays done once the evidence ages out.
      expect(step(after, 'ship').kept).toBe(false);
      const kept = await request(server)
        .put('/api/opsdeck/onboarding/progress')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ step: 'ship', done: true })
        .expect(200);
      expect(step(kept.body, 'ship')).toMatchObject({
        doneBy: 'auto',
        kept: true,
      });
      // Bob wrote nothing; a bad email is refused by name.
      expect(step(await progress('user:default/bob'), 'ship').done).toBe(false);
      const bad = await send([
        {
          ...deployment('p2', 'production', 1),
          changes: [{ sha: 'abc1235', time: when(3), authorEmail: 'alice' }],
        },
      ]).expect(400);
      expect(bad.body.error.message).toMatch(/authorEmail/);
      await backend.stop();
    });
  },
);
