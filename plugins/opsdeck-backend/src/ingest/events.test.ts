import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { inMemoryDatabase } from '../__testUtils__/inMemoryDatabase';

const service = mockCredentials.service.header();
const validBatch = {
  version: 1,
  source: 'github-actions',
  deployments: [
    {
      id: 'run-1',
      service: 'component:default/checkout',
      environment: 'production',
      status: 'success',
      startedAt: '2026-01-05T09:50:00Z',
      finishedAt: '2026-01-05T10:00:00Z',
      commit: { sha: 'ABC1234def', time: '2026-01-05T08:00:00Z' },
      url: 'https://github.com/acme/checkout/actions/runs/1',
    },
  ],
  incidents: [
    {
      id: 'inc-1',
      service: { annotation: 'pagerduty.com/service-id', value: 'PCHK001' },
      openedAt: '2026-01-05T11:00:00+01:00',
      causedBy: { deployment: 'github-actions:run-1' },
    },
  ],
};

async function start(options: { deny?: boolean } = {}) {
  const { db, factory } = inMemoryDatabase();
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory(),
      factory,
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
  return { server, db };
}

const count = async (db: Knex, table: string) =>
  Number((await db(table).count({ n: '*' }))[0].n);

describe('POST /api/opsdeck/events', () => {
  it('accepts a versioned batch from a service and stores it, queryable', async () => {
    const { server, db } = await start();
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .send(validBatch);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      accepted: { deployments: 1, incidents: 1, changes: 0 },
      duplicate: false,
      ignored: [],
    });
    const row = await db('opsdeck_deployments').first();
    expect(row).toMatchObject({
      record_key: 'github-actions:run-1',
      service: 'entity:component:default/checkout',
      status: 'success',
      commit_sha: 'abc1234def',
    });
    expect(Number(row.finished_at)).toBe(Date.parse('2026-01-05T10:00:00Z'));
    const incident = await db('opsdeck_incidents').first();
    expect(incident.service).toBe(
      'annotation:pagerduty.com/service-id=PCHK001',
    );
    expect(Number(incident.opened_at)).toBe(Date.parse('2026-01-05T10:00:00Z'));
    // the raw delivery is kept, without credentials
    const delivery = await db('opsdeck_raw_deliveries').first();
    expect(JSON.parse(delivery.headers)).not.toHaveProperty('authorization');
  });

  it('is idempotent: the same Idempotency-Key is acknowledged and changes nothing', async () => {
    const { server, db } = await start();
    const send = (body: object) =>
      request(server)
        .post('/api/opsdeck/events')
        .set('Authorization', service)
        .set('Idempotency-Key', 'k-1')
        .send(body);
    await send(validBatch).expect(202);
    const changed = structuredClone(validBatch);
    changed.deployments[0].status = 'failure';
    const res = await send(changed);
    expect(res.status).toBe(202);
    expect(res.body.duplicate).toBe(true);
    expect((await db('opsdeck_deployments').first()).status).toBe('success');
  });

  it('answers 400 naming the item and field, and stores nothing of the batch', async () => {
    const { server, db } = await start();
    const bad = structuredClone(validBatch) as any;
    bad.deployments.push({
      ...bad.deployments[0],
      id: 'run-2',
      status: 'donee',
    });
    bad.incidents[0].openedAt = 'yesterday';
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .send(bad);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'deployments[1].status: unknown status',
    );
    expect(res.body.error.message).toContain(
      'incidents[0].openedAt: must be an ISO 8601 / RFC 3339 date-time',
    );
    expect(await count(db, 'opsdeck_events')).toBe(0);
    expect(await count(db, 'opsdeck_raw_deliveries')).toBe(0);
  });

  it.each([
    ['version: must be 1', { ...validBatch, version: 2 }],
    [
      'source: must be a short lower-case name',
      { ...validBatch, source: 'Bad Source!' },
    ],
    [
      'deployments[0].finishedAt: is required when status is success',
      {
        ...validBatch,
        deployments: [{ ...validBatch.deployments[0], finishedAt: undefined }],
      },
    ],
    [
      'deployments[0].url: must be an absolute http(s) URL',
      {
        ...validBatch,
        deployments: [
          {
            ...validBatch.deployments[0], // eslint-disable-next-line no-script-url
            url: 'javascript:alert(1)',
          },
        ],
      },
    ],
    [
      "deployments[0]: Unrecognized key(s) in object: 'finished_at'",
      {
        ...validBatch,
        deployments: [{ ...validBatch.deployments[0], finished_at: 1 }],
      },
    ],
    [
      'deployments[0].service',
      {
        ...validBatch,
        deployments: [{ ...validBatch.deployments[0], service: 'not a ref:' }],
      },
    ],
  ])('rejects with %p', async (message, body) => {
    const { server } = await start();
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('documents its batch limit: 1000 items', async () => {
    const { server, db } = await start();
    const deployments = Array.from({ length: 1001 }, (_, n) => ({
      ...validBatch.deployments[0],
      id: `r${n}`,
    }));
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .send({ version: 1, source: 'ci', deployments });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('at most 1000');
    expect(await count(db, 'opsdeck_events')).toBe(0);
  });

  it('answers 413 above the 1 MiB body limit and stores nothing', async () => {
    const { server, db } = await start();
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .set('Content-Type', 'application/json')
      .send(`{"version":1,"source":"ci","pad":"${'x'.repeat(1024 * 1024)}"}`);
    expect(res.status).toBe(413);
    expect(await count(db, 'opsdeck_raw_deliveries')).toBe(0);
  });

  it('allows services only: 401 without credentials, 403 for users, 403 when the permission is denied', async () => {
    const { server } = await start();
    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.none.header())
      .send(validBatch)
      .expect(401);
    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.user.header())
      .send(validBatch)
      .expect(403);
    const denied = await start({ deny: true });
    const res = await request(denied.server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .send(validBatch);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('opsdeck.events.create');
  });

  it('accepts CloudEvents in binary, structured and batch mode', async () => {
    const { server, db } = await start();
    const data = { ...validBatch.deployments[0] };
    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .set('Content-Type', 'application/json')
      .set('ce-specversion', '1.0')
      .set('ce-id', 'ce-1')
      .set('ce-source', 'jenkins')
      .set('ce-type', 'io.opsdeck.deployment.v1')
      .send(JSON.stringify({ ...data, id: 'bin-1' }))
      .expect(202);
    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .set('Content-Type', 'application/cloudevents+json')
      .send(
        JSON.stringify({
          specversion: '1.0',
          id: 'ce-2',
          source: 'https://ci.example.com/x',
          opsdecksource: 'jenkins',
          type: 'io.opsdeck.deployment.v1',
          data: { ...data, id: 'str-1' },
        }),
      )
      .expect(202);
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .set('Content-Type', 'application/cloudevents-batch+json')
      .send(
        JSON.stringify([
          {
            specversion: '1.0',
            id: 'ce-3',
            source: 'jenkins',
            type: 'io.opsdeck.incident.v1',
            data: validBatch.incidents[0],
          },
          {
            specversion: '1.0',
            id: 'ce-4',
            source: 'jenkins',
            type: 'dev.cdevents.pipelinerun.finished.0.2.0',
            data: {},
          },
        ]),
      );
    expect(res.status).toBe(202);
    expect(res.body.accepted).toEqual({
      deployments: 0,
      incidents: 1,
      changes: 0,
    });
    expect(res.body.ignored).toEqual([
      expect.objectContaining({
        id: 'ce-4',
        type: 'dev.cdevents.pipelinerun.finished.0.2.0',
      }),
    ]);
    expect(
      (
        await db('opsdeck_deployments')
          .select('record_key')
          .orderBy('record_key')
      ).map(r => r.record_key),
    ).toEqual(['jenkins:bin-1', 'jenkins:str-1']);
    const quarantined = await db('opsdeck_raw_deliveries').where(
      'status',
      'quarantined',
    );
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0].reason).toContain(
      'CDEvents pipelinerun.finished is not one OpsDeck counts',
    );
  });

  it('answers 400 for a CloudEvent whose data is invalid, naming the field', async () => {
    const { server } = await start();
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .set('Content-Type', 'application/cloudevents+json')
      .send(
        JSON.stringify({
          specversion: '1.0',
          id: 'x',
          source: 'jenkins',
          type: 'io.opsdeck.incident.v1',
          data: { id: 'i', service: 'checkout' },
        }),
      );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('event.data.openedAt');
  });

  it('answers 503 with Retry-After when the database is down, and the sender can retry', async () => {
    const { server, db } = await start();
    await db.destroy();
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .send(validBatch);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
  });
});
