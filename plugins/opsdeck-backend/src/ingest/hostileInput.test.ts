import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { inMemoryDatabase } from '../__testUtils__/inMemoryDatabase';

jest.setTimeout(300_000);

const service = mockCredentials.service.header();
const user = mockCredentials.user.header();

/** Runs of the property; `OPSDECK_FUZZ_RUNS=5000` for a longer search. */
const RUNS = Number(process.env.OPSDECK_FUZZ_RUNS ?? 300);

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

async function start() {
  const { db, factory } = inMemoryDatabase();
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      catalogServiceMock.factory({ entities: [checkout] }),
      factory,
    ],
  });
  return { server, db };
}

const stored = async (db: Knex) => {
  const n = async (table: string) =>
    Number((await db(table).count({ n: '*' }))[0].n);
  return {
    deliveries: await n('opsdeck_raw_deliveries'),
    events: await n('opsdeck_events'),
  };
};

const deployment = (over: Record<string, unknown> = {}) => ({
  id: 'd1',
  service: 'component:default/checkout',
  environment: 'production',
  status: 'success',
  finishedAt: '2026-11-20T10:00:00Z',
  ...over,
});
const batch = (items: { deployments?: unknown[]; incidents?: unknown[] }) => ({
  version: 1,
  source: 'ci',
  ...items,
});

/** Each refused with a 400 that names this item and field. */
const refused: Array<[string, unknown, string]> = [
  [
    'a lone UTF-16 surrogate as the service',
    batch({ deployments: [deployment({ service: '\ud800' })] }),
    'deployments[0].service',
  ],
  [
    'a NUL in the environment',
    batch({ deployments: [deployment({ environment: 'prod\u0000' })] }),
    'deployments[0].environment',
  ],
  [
    'a time-zone offset of +25:00',
    batch({
      incidents: [
        {
          id: 'i1',
          service: 'component:default/checkout',
          openedAt: '2026-11-20T10:00:00+25:00',
        },
      ],
    }),
    'incidents[0].openedAt',
  ],
  [
    'February 30th',
    batch({
      deployments: [deployment({ finishedAt: '2026-02-30T10:00:00Z' })],
    }),
    'deployments[0].finishedAt',
  ],
  [
    'an instant before 2000',
    batch({ deployments: [deployment({ finishedAt: 946684799999 })] }),
    'deployments[0].finishedAt',
  ],
  [
    'an instant two days ahead',
    batch({
      deployments: [deployment({ finishedAt: Date.now() + 2 * 86_400_000 })],
    }),
    'deployments[0].finishedAt',
  ],
  [
    'finishedAt before startedAt',
    batch({
      deployments: [deployment({ startedAt: '2026-11-20T11:00:00Z' })],
    }),
    'deployments[0].finishedAt',
  ],
  [
    'one id twice in one batch with conflicting content',
    batch({
      deployments: [deployment(), deployment({ status: 'failure' })],
    }),
    'deployments[1].id',
  ],
  [
    'a 100 000-character service name',
    batch({ deployments: [deployment({ service: 'a'.repeat(100_000) })] }),
    'deployments[0].service',
  ],
  [
    'a 257-character id',
    batch({ deployments: [deployment({ id: 'x'.repeat(257) })] }),
    'deployments[0].id',
  ],
  [
    'a 65-character environment',
    batch({ deployments: [deployment({ environment: 'e'.repeat(65) })] }),
    'deployments[0].environment',
  ],
  [
    'a 6-character SHA',
    batch({ deployments: [deployment({ commit: { sha: 'abcdef' } })] }),
    'deployments[0].commit.sha',
  ],
];

describe('POST /events refuses input it cannot store faithfully', () => {
  it.each(refused)(
    '%s: 400 naming the field, nothing stored, the backend keeps answering',
    async (_what, body, field) => {
      const { server, db } = await start();
      const before = await stored(db);
      const res = await request(server)
        .post('/api/opsdeck/events')
        .set('Authorization', service)
        .send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(`${field}: `);
      expect(await stored(db)).toEqual(before);
      expect((await request(server).get('/api/opsdeck/health')).status).toBe(
        200,
      );
    },
  );

  it('still accepts the limits themselves (256-character id, 64-character environment, offsets of ±14:00)', async () => {
    const { server } = await start();
    const res = await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', service)
      .send(
        batch({
          deployments: [
            deployment({
              id: 'x'.repeat(256),
              environment: 'e'.repeat(64),
              startedAt: '2026-11-20T09:00:00+14:00',
              finishedAt: '2026-11-19T10:00:01.123456-14:00',
              service: {
                annotation: 'github.com/project-slug',
                value: 'v'.repeat(512),
              },
            }),
          ],
        }),
      );
    expect(res.body).toMatchObject({ accepted: { deployments: 1 } });
    expect(res.status).toBe(202);
  });
});

// Strings that break storage or limits, mixed with ordinary ones.
const hostileString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }), // lone surrogates included
  fc.constantFrom('\ud800', '\udfff', 'a\u0000b', '', ' ', 'x'.repeat(600)),
  fc.constantFrom(
    '2026-11-20T10:00:00Z',
    '2026-11-20T10:00:00+25:00',
    '2026-11-20T10:00:00+14:01',
    '1999-12-31T23:59:59Z',
    '2026-02-30T00:00:00Z',
    '9999-01-01T00:00:00Z',
    'component:default/checkout',
    'success',
    'production',
    'abc1234',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, 946684800000, 1763632800000, -1),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
const fields = [
  'id',
  'service',
  'environment',
  'status',
  'startedAt',
  'finishedAt',
  'commit',
  'changes',
  'rollbackOf',
  'rework',
  'fixes',
  'url',
  'title',
  'openedAt',
  'resolvedAt',
  'severity',
  'causedBy',
];
/** A valid item with some fields replaced by hostile values. */
const item = (base: Record<string, unknown>) =>
  fc
    .array(fc.tuple(fc.constantFrom(...fields), hostileValue), {
      maxLength: 3,
    })
    .map(changes => ({ ...base, ...Object.fromEntries(changes) }));
const hostileBatch = fc.record({
  version: fc.constantFrom<unknown>(1, 1, 1, 2, '1'),
  source: fc.constantFrom<unknown>('ci', 'ci', 'CI', '\ud800', ''),
  deployments: fc.array(
    item({
      id: 'd1',
      service: 'component:default/checkout',
      environment: 'production',
      status: 'success',
      finishedAt: '2026-11-20T10:00:00Z',
    }),
    { maxLength: 3 },
  ),
  incidents: fc.array(
    item({
      id: 'i1',
      service: 'component:default/checkout',
      openedAt: '2026-11-20T12:00:00Z',
    }),
    { maxLength: 2 },
  ),
});

describe('POST /events under hostile batches', () => {
  it('never answers 5xx, names the problem in every 4xx, stores nothing it refused, and keeps answering health and DORA reads', async () => {
    const { server, db } = await start();
    await fc.assert(
      fc.asyncProperty(hostileBatch, async body => {
        const before = await stored(db);
        const res = await request(server)
          .post('/api/opsdeck/events')
          .set('Authorization', service)
          .send(body);
        expect([202, 400]).toContain(res.status);
        // A refusal is JSON naming the field, and leaves nothing behind.
        const refusal = (got: unknown) =>
          res.status === 400 ? got : 'accepted';
        expect(
          refusal([res.type, res.body.error?.message, await stored(db)]),
        ).toEqual(
          refusal([
            'application/json',
            expect.stringMatching(
              /^(body|version|source|deployments|incidents)[\w.[\]]*: /,
            ),
            before,
          ]),
        );
        expect(
          (await request(server).get('/api/opsdeck/health').timeout(5000))
            .status,
        ).toBe(200);
        const dora = await request(server)
          .get('/api/opsdeck/entities/component/default/checkout/dora')
          .set('Authorization', user)
          .timeout(5000);
        expect(dora.status).toBe(200);
      }),
      { seed: 20261130, numRuns: RUNS },
    );
  });
});
