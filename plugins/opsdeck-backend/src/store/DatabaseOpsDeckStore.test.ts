import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseOpsDeckStore, redactHeaders } from './DatabaseOpsDeckStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const delivery = (
  deliveryId: string,
  body = '{"zen":"Keep it logically awesome."}',
) => ({
  source: 'github',
  deliveryId,
  receivedAt: 1_790_000_000_000,
  headers: {
    'x-github-delivery': deliveryId,
    'x-hub-signature-256': 'sha256=abc',
    authorization: 'Bearer secret-token',
    'content-type': 'application/json',
  },
  body: Buffer.from(body),
});

describe.each(databases.eachSupportedId())(
  'DatabaseOpsDeckStore on %s',
  databaseId => {
    async function createStore(id: TestDatabaseId) {
      const knex = await databases.init(id);
      const store = await DatabaseOpsDeckStore.create({
        database: { getClient: async () => knex },
      });
      return { knex, store };
    }

    it('stores a delivery once and keeps its bytes, without credentials', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.insertDelivery(delivery('d-1'))).toEqual({
        inserted: true,
        id: expect.any(Number),
      });
      // a redelivery with the same id is acknowledged but changes nothing
      expect(
        await store.insertDelivery(delivery('d-1', '{"changed":true}')),
      ).toEqual({
        inserted: false,
      });

      const [stored, ...rest] = await store.listDeliveries({ limit: 10 });
      expect(rest).toEqual([]);
      expect(stored.body.toString()).toBe(
        '{"zen":"Keep it logically awesome."}',
      );
      expect(stored.status).toBe('pending');
      expect(stored.receivedAt).toBe(1_790_000_000_000);
      expect(stored.headers).toEqual({
        'x-github-delivery': 'd-1',
        'content-type': 'application/json',
      });
    });

    it('pages newest first and filters by source and status', async () => {
      const { store } = await createStore(databaseId);
      for (const id of ['a', 'b', 'c']) {
        await store.insertDelivery(delivery(id));
      }
      await store.insertDelivery({ ...delivery('a'), source: 'gitlab' });

      const firstPage = await store.listDeliveries({
        source: 'github',
        limit: 2,
      });
      expect(firstPage.map(d => d.deliveryId)).toEqual(['c', 'b']);
      const secondPage = await store.listDeliveries({
        source: 'github',
        limit: 2,
        before: firstPage[1].id,
      });
      expect(secondPage.map(d => d.deliveryId)).toEqual(['a']);
      expect(
        await store.listDeliveries({ status: 'quarantined', limit: 10 }),
      ).toEqual([]);
    });

    it('migrates down and up again cleanly', async () => {
      const { knex } = await createStore(databaseId);
      const dir = require('node:path').resolve(__dirname, '../../migrations');
      await knex.migrate.rollback({ directory: dir }, true);
      expect(await knex.schema.hasTable('opsdeck_raw_deliveries')).toBe(false);
      await knex.migrate.latest({ directory: dir });
      expect(await knex.schema.hasTable('opsdeck_raw_deliveries')).toBe(true);
    });

    it('answers a ping', async () => {
      const { store } = await createStore(databaseId);
      await expect(store.ping()).resolves.toBeUndefined();
    });
  },
);

describe('redactHeaders', () => {
  it('drops credentials and signatures of every known provider', () => {
    expect(
      redactHeaders({
        authorization: 'Bearer x',
        'x-gitlab-token': 't',
        'x-pagerduty-signature': 'v1=abc',
        'webhook-signature': 'v1,abc',
        'x-hub-signature': 'sha1=abc',
        'x-api-key': 'k',
        'x-webhook-id': 'keep-me',
        'x-forwarded-for': ['1.2.3.4', '5.6.7.8'],
      }),
    ).toEqual({
      'x-webhook-id': 'keep-me',
      'x-forwarded-for': '1.2.3.4, 5.6.7.8',
    });
  });
});
