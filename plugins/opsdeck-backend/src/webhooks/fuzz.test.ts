import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { exactUtf8 } from '@opsdeck/backstage-plugin-node';
import { Knex } from 'knex';
import request from 'supertest';
import {
  WEBHOOK_SECRETS,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';

const count = async (db: Knex) =>
  Number((await db('opsdeck_raw_deliveries').count({ n: '*' }))[0].n);

/** Header names providers and attackers send, plus random ones. */
const headerName = fc.oneof(
  fc.constantFrom(
    'content-type',
    'content-encoding',
    'x-hub-signature-256',
    'x-github-event',
    'x-github-delivery',
    'x-gitlab-token',
    'idempotency-key',
    'webhook-id',
    'webhook-timestamp',
    'webhook-signature',
    'x-pagerduty-signature',
    'x-webhook-id',
    'x-opsdeck-secret',
    'authorization',
    'ce-type',
  ),
  fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
);
/** Printable header values (what an HTTP client can send at all). */
const headerValue = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,80}$/),
  fc.constantFrom(
    'sha256=',
    `sha256=${'0'.repeat(64)}`,
    'v1=',
    'v1,AAAA',
    'gzip',
    'application/json; charset=utf-16',
    'Bearer not-a-token',
  ),
);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map(b => Buffer.from(b)),
  fc.json().map(j => Buffer.from(j)),
);
const source = fc.constantFrom(
  'github',
  'gitlab',
  'argocd',
  'pagerduty',
  'opsgenie',
);

describe('webhooks under arbitrary input', () => {
  it('answer only 2xx, 401, 403, 413 or 503, store nothing unauthenticated, and keep serving', async () => {
    const { server, db } = await startWebhookBackend();
    await fc.assert(
      fc.asyncProperty(
        source,
        fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
        body,
        async (src, headers, raw) => {
          const before = await count(db);
          const res = await request(server)
            .post(`/api/opsdeck/webhooks/${src}`)
            .set(headers)
            .send(raw);
          // 403 only for a Backstage token without the permission (Argo CD); never 400 or 500.
          expect([200, 202, 401, 403, 413, 503]).toContain(res.status);
          const stored = (await count(db)) - before;
          expect(res.status >= 400 ? stored : 0).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
    // Authentic but arbitrary bodies: stored (quarantined or used), answered 2xx — when they
    // are text: the signature library checks UTF-8 text (what GitHub sends), so an empty body
    // or bytes that are not UTF-8 are refused whatever their signature.
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.string({ maxLength: 20 }),
        async (raw, event) => {
          const res = await request(server)
            .post('/api/opsdeck/webhooks/github')
            .set({
              'x-github-event': event.replace(/[^\x20-\x7e]/g, ''),
              'x-github-delivery': createHmac('sha256', 'id')
                .update(raw)
                .digest('hex'),
              'x-hub-signature-256': `sha256=${createHmac(
                'sha256',
                WEBHOOK_SECRETS.github[1],
              )
                .update(raw)
                .digest('hex')}`,
            })
            .send(raw);
          expect(
            raw.length && exactUtf8(raw) !== undefined ? [200, 202] : [401],
          ).toContain(res.status);
        },
      ),
      { numRuns: 60 },
    );
    await request(server).get('/api/opsdeck/health').expect(200);
    const stuck = await db('opsdeck_raw_deliveries').where('status', 'failed');
    expect(stuck).toEqual([]);
  });
});
