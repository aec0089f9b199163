import { mockCredentials } from '@backstage/backend-test-utils';
import { createHmac } from 'node:crypto';
import { Knex } from 'knex';
import request from 'supertest';
import {
  WEBHOOK_SECRETS,
  component,
  githubDelivery,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';
import { MAX_WEBHOOK_BODY_BYTES } from './createWebhookRouter';
import {
  at,
  deploymentStatusPayload,
  pushPayload as githubPush,
} from '../__testUtils__/providerPayloads';
import { readDerived } from '../__testUtils__/readDerived';

const SECRET = WEBHOOK_SECRETS.github[1];
const REPO = 'acme/checkout';

const entities = [component('checkout', { 'github.com/project-slug': REPO })];

const pushPayload = (before: number, after: number, commits: number[]) =>
  githubPush(REPO, before, after, commits);
const statusPayload = (
  id: number,
  state: string,
  commit: number,
  finished: string,
) => deploymentStatusPayload(REPO, id, state, commit, finished);

const github = githubDelivery;
const start = (options: { deny?: boolean } = {}) =>
  startWebhookBackend({ entities, ...options });

const count = async (db: Knex, table: string, where: object = {}) =>
  Number((await db(table).where(where).count({ n: '*' }))[0].n);

describe('POST /api/opsdeck/webhooks/{source}', () => {
  it('turns signed GitHub pushes and deployment statuses into DORA numbers, changes walked from the pushes', async () => {
    const { server, send, settle } = await start();
    // Deployed commit 2 first, then pushes 2→4 (commits 3, 4) and a deployment of 4.
    for (const delivery of [
      github('push', pushPayload(1, 2, [2])),
      github('deployment_status', statusPayload(100, 'success', 2, at(5, 8))),
      github('push', pushPayload(2, 3, [3])),
      github('push', pushPayload(3, 4, [4])),
      github(
        'deployment_status',
        statusPayload(101, 'in_progress', 4, at(6, 9)),
      ),
      github('deployment_status', statusPayload(101, 'success', 4, at(6, 10))),
    ]) {
      const res = await send(delivery);
      expect([res.status, res.body]).toEqual([
        202,
        { deliveryId: delivery.headers['X-GitHub-Delivery'], duplicate: false },
      ]);
    }
    await settle();
    const dora = await readDerived(
      server,
      '/api/opsdeck/entities/component/default/checkout/dora?from=2026-01-05&to=2026-01-12',
      { Authorization: mockCredentials.user.header() },
    );
    expect(dora.body.current.deploymentFrequency.detail.count).toBe(2);
    // Deployment 100 ships commit 2 (6 h); 101 ships commits 3 and 4, not 2 again (the walk
    // stops at the commit deployment 100 shipped): 31 h and 30 h.
    const hours = (h: number) => h * 3_600_000;
    expect(dora.body.current.changeLeadTime.detail).toMatchObject({ count: 3 });
    expect(dora.body.current.changeLeadTime.value).toBe(hours(30));
  });

  it('finds changes from a push that arrives after the deployment', async () => {
    const { server, send, settle } = await start();
    await send(
      github('deployment_status', statusPayload(7, 'success', 9, at(5, 12))),
    );
    await settle();
    const dora = () =>
      readDerived(
        server,
        '/api/opsdeck/entities/component/default/checkout/dora?from=2026-01-05&to=2026-01-12',
        { Authorization: mockCredentials.user.header() },
      );
    expect((await dora()).body.current.changeLeadTime.value).toBeNull();
    await send(github('push', pushPayload(8, 9, [6, 9])));
    await settle();
    const late = (await dora()).body.current.changeLeadTime;
    expect(late.detail).toMatchObject({ count: 2 });
    expect(late.value).toBe(4.5 * 3_600_000); // median of 6 h and 3 h
  });

  it('answers 401 and stores nothing for a missing, forged or wrong-secret signature', async () => {
    const { db, send } = await start();
    const good = github('push', pushPayload(1, 2, [2]));
    const cases = [
      { ...good.headers, 'X-Hub-Signature-256': undefined },
      { ...good.headers, 'X-Hub-Signature-256': `sha256=${'f'.repeat(64)}` },
      github('push', pushPayload(1, 2, [2]), 'not-the-secret').headers,
      { ...good.headers, 'X-Hub-Signature-256': 'sha256=' },
    ];
    for (const headers of cases) {
      const res = await send({
        source: 'github',
        body: good.body,
        headers: Object.fromEntries(
          Object.entries(headers).filter(([, v]) => v !== undefined),
        ) as typeof good.headers,
      });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/X-Hub-Signature-256/i);
    }
    expect(await count(db, 'opsdeck_raw_deliveries')).toBe(0);
  });

  it('answers a redelivery 200 and changes nothing', async () => {
    const { db, send, settle } = await start();
    const delivery = github(
      'deployment_status',
      statusPayload(1, 'success', 1, at(5, 1)),
    );
    expect((await send(delivery)).status).toBe(202);
    await settle();
    const before = await db('opsdeck_events').select();
    const again = await send(delivery);
    expect([again.status, again.body.duplicate]).toEqual([200, true]);
    await settle();
    expect(await db('opsdeck_events').select()).toEqual(before);
    expect(await count(db, 'opsdeck_raw_deliveries')).toBe(1);
  });

  it('quarantines an authentic payload that breaks the input limits, with the reason, and stores none of its records', async () => {
    const { server, db, send, settle } = await start();
    const payload = statusPayload(900, 'success', 1, at(5, 8));
    payload.deployment_status.environment = `prod\ud800${'x'.repeat(70)}`;
    payload.deployment.environment = payload.deployment_status.environment;
    expect((await send(github('deployment_status', payload))).status).toBe(202);
    await settle();
    const list = await request(server)
      .get('/api/opsdeck/admin/deliveries?source=github&status=quarantined')
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    expect(list.body.items.map((d: any) => d.reason)).toEqual([
      expect.stringMatching(/deployments\[0\]\.environment: /),
    ]);
    expect(await count(db, 'opsdeck_deployments')).toBe(0);
    // Quarantined once, never retried: a later sweep leaves it as it is.
    await settle();
    expect(
      await count(db, 'opsdeck_raw_deliveries', { status: 'pending' }),
    ).toBe(0);
  });

  it('keeps authentic payloads it cannot use as quarantined, answered 2xx, listed for admins with headers redacted', async () => {
    const { server, send, settle } = await start();
    expect(
      (await send(github('ping', { zen: 'Keep it logically awesome.' })))
        .status,
    ).toBe(202);
    const broken = github('push', {});
    broken.body = '{"ref": "refs/heads/main", "repository": ';
    broken.headers['X-Hub-Signature-256'] = `sha256=${createHmac(
      'sha256',
      SECRET,
    )
      .update(broken.body)
      .digest('hex')}`;
    expect((await send(broken)).status).toBe(202);
    await settle();
    const list = await request(server)
      .get('/api/opsdeck/admin/deliveries?source=github&status=quarantined')
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    expect(list.body.items.map((d: any) => d.reason)).toEqual([
      expect.stringMatching(/body is not JSON/),
      'ping: the hook works',
    ]);
    const [first] = list.body.items;
    expect(first.headers['x-github-event']).toBe('push');
    expect(first.headers['x-hub-signature-256']).toBeUndefined();
    expect(first.body).toBe(broken.body);

    const page = await request(server)
      .get('/api/opsdeck/admin/deliveries?limit=1')
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    expect(page.body.items).toHaveLength(1);
    const next = await request(server)
      .get(
        `/api/opsdeck/admin/deliveries?limit=1&cursor=${page.body.nextCursor}`,
      )
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    expect(next.body.items[0].reason).toBe('ping: the hook works');
    expect(next.body.nextCursor).toBeUndefined();
  });

  it('lists deliveries only for opsdeck.admin', async () => {
    const { server } = await start({ deny: true });
    const res = await request(server)
      .get('/api/opsdeck/admin/deliveries')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/opsdeck\.admin/);
  });

  it('answers 413 above the body limit and 404 for a source that is not installed, storing nothing', async () => {
    const { db, server, send } = await start();
    const big = github('push', {
      ...pushPayload(1, 2, [2]),
      padding: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES),
    });
    expect((await send(big)).status).toBe(413);
    const unknown = await request(server)
      .post('/api/opsdeck/webhooks/bitbucket')
      .send('{}');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /installed: argocd, github, gitlab, opsgenie, pagerduty/,
    );
    expect(await count(db, 'opsdeck_raw_deliveries')).toBe(0);
  });

  it('answers 503 with Retry-After when the database is down, so the provider retries', async () => {
    const { db, send } = await start();
    await db.destroy();
    const res = await send(github('push', pushPayload(1, 2, [2])));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
  });

  it('finishes deliveries left pending (a crash after the answer) in the sweep', async () => {
    const { db, send, settle } = await start();
    const delivery = github(
      'deployment_status',
      statusPayload(3, 'success', 3, at(5, 3)),
    );
    await send(delivery);
    await settle();
    // As if the process died between storing and normalising: pending, no records yet.
    await db('opsdeck_events').delete();
    await db('opsdeck_deployments').delete();
    await db('opsdeck_raw_deliveries').update({ status: 'pending' });
    await settle();
    expect(await count(db, 'opsdeck_deployments', { status: 'success' })).toBe(
      1,
    );
    expect(
      await count(db, 'opsdeck_raw_deliveries', { status: 'processed' }),
    ).toBe(1);
  });

  it('purges raw deliveries after the retention period, keeping their events and anything pending', async () => {
    const { db, send, settle, tasks } = await start();
    await send(
      github('deployment_status', statusPayload(4, 'success', 4, at(5, 4))),
    );
    await settle();
    await db('opsdeck_raw_deliveries').update({
      received_at: Date.now() - 31 * 86_400_000,
    });
    await db('opsdeck_raw_deliveries').insert({
      source: 'github',
      delivery_id: 'old-pending',
      received_at: 0,
      headers: '{}',
      body: Buffer.from('{}'),
      status: 'pending',
    });
    await tasks.get('opsdeck-raw-deliveries-purge')!();
    expect(
      (await db('opsdeck_raw_deliveries').select('delivery_id')).map(
        r => r.delivery_id,
      ),
    ).toEqual(['old-pending']);
    expect(await count(db, 'opsdeck_deployments')).toBe(1);
  });
});
