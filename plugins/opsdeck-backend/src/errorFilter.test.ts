import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsdeckPlugin } from './plugin';
import { inMemoryDatabase } from './__testUtils__/inMemoryDatabase';

/** What no answer may carry: SQL, table names, stack frames, file paths. */
const INTERNALS =
  /select |insert |opsdeck_|sqlite|knex|\bat [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d|"stack"|"cause"/i;

describe('errors under NODE_ENV=production', () => {
  const nodeEnv = process.env.NODE_ENV;
  beforeAll(() => {
    process.env.NODE_ENV = 'production';
  });
  afterAll(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  async function start() {
    const { db, factory } = inMemoryDatabase();
    const { server } = await startTestBackend({
      features: [opsdeckPlugin, catalogServiceMock.factory(), factory],
    });
    return { server, db };
  }

  it('a database error answers 500 with a log id only — no SQL, no stack, no path', async () => {
    const { server, db } = await start();
    await db.schema.dropTable('opsdeck_access_requests');
    const res = await request(server)
      .get('/api/opsdeck/access-requests')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /^An internal error occurred logId=[0-9a-f]{20}$/,
    );
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
  });

  it('a database that is gone answers 503 with Retry-After and without the database error', async () => {
    const { server, db } = await start();
    await db.destroy();
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.service.header())
      .send({ version: 1, source: 'ci', deployments: [] });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.message).toContain('retry later');
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
  });

  it('a refused request names the field and carries no stack', async () => {
    const { server } = await start();
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.service.header())
      .send({ version: 1, source: 'ci', deployments: [{ id: 'x' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('deployments[0].service');
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
  });
});
