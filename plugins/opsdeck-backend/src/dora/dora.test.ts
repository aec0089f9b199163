import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { readDerived } from '../__testUtils__/readDerived';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const day = (d: number, h = 0) =>
  new Date(Date.UTC(2026, 0, d, h)).toISOString();

const batch = {
  version: 1,
  source: 'ci',
  deployments: [
    // Mon 5 Jan: shipped c1 (committed 4 h earlier)
    {
      id: '1',
      service: 'checkout',
      environment: 'production',
      status: 'success',
      finishedAt: day(5, 10),
      changes: [{ sha: 'c1c1c1c', time: day(5, 6) }],
    },
    // Tue 6 Jan: failed, fixed 30 min later
    {
      id: '2',
      service: 'checkout',
      environment: 'production',
      status: 'failure',
      finishedAt: day(6, 10),
    },
    {
      id: '3',
      service: 'checkout',
      environment: 'production',
      status: 'success',
      finishedAt: '2026-01-06T10:30:00Z',
      rework: true,
    },
    // the previous window (29 Dec – 5 Jan): one deployment
    {
      id: '0',
      service: 'checkout',
      environment: 'production',
      status: 'success',
      finishedAt: '2025-12-30T12:00:00Z',
    },
  ],
  incidents: [
    {
      id: 'i1',
      service: 'checkout',
      openedAt: day(7, 9),
      resolvedAt: day(7, 11),
    },
  ],
};

describe('GET /entities/{kind}/{namespace}/{name}/dora', () => {
  async function start(config: object = {}) {
    const { server } = await startTestBackend({
      features: [
        opsdeckPlugin,
        catalogServiceMock.factory({ entities: [checkout] }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.service.header())
      .send(batch)
      .expect(202);
    return server;
  }

  it("answers the entity's metrics for the window, the previous window and each ISO week", async () => {
    const server = await start();
    const res = await readDerived(
      server,
      '/api/opsdeck/entities/component/default/checkout/dora?from=2026-01-05&to=2026-01-12',
    );
    // Derived through the batch just sent (received moments ago), nothing left pending.
    expect(res.body.derivedThrough).toBeGreaterThan(Date.now() - 60_000);
    expect(res.body.pendingEvents).toBe(0);
    const { current, previous, weekly } = res.body;
    expect(current.window).toEqual({
      from: Date.parse(day(5)),
      to: Date.parse(day(12)),
      days: 7,
    });
    expect(current.deploymentFrequency.detail).toEqual({
      count: 2,
      perDay: 2 / 7,
      perWeek: 2,
      deploymentDays: 2,
    }); // #1, #3
    expect(current.changeLeadTime).toMatchObject({
      value: 4 * 3_600_000,
      tier: 'elite',
    }); // 10:00 − 06:00
    // #2 failed; #3 too: incident i1 opened 22.5 h after it, inside the 24 h attribution window
    expect(current.changeFailRate).toMatchObject({
      value: 2 / 3,
      tier: 'low',
      detail: { failed: 2, completed: 3 },
    });
    // #2 → next success #3 after 30 min; #3 → i1 resolved 24.5 h later; median (0.5 h + 24.5 h) / 2
    expect(current.recoveryTime).toMatchObject({
      value: 12.5 * 3_600_000,
      tier: 'high',
    });
    expect(current.reworkRate.detail).toEqual({ rework: 1, completed: 3 });
    expect(current.mttr).toMatchObject({ value: 2 * 3_600_000, tier: 'high' });
    expect(previous.window.from).toBe(Date.parse('2025-12-29T00:00:00Z'));
    expect(previous.deploymentFrequency.detail.count).toBe(1); // #0
    // The history starts inside the previous window: the two are not compared.
    expect(res.body.firstEventAt).toBe(Date.parse('2025-12-30T00:00:00Z'));
    expect(weekly.map((w: { weekStart: number }) => w.weekStart)).toEqual([
      Date.parse(day(5)),
    ]); // one ISO week
    expect(current.benchmark).toBe('dora-2023');
  });

  it('tiers with the configured benchmark set', async () => {
    const server = await start({
      opsdeck: { dora: { benchmark: 'dora-2021' } },
    });
    const res = await readDerived(
      server,
      '/api/opsdeck/entities/component/default/checkout/dora?from=2026-01-05&to=2026-01-12',
    );
    expect(res.body.current.benchmark).toBe('dora-2021');
    expect(res.body.current.changeFailRate.tier).toBe('low'); // 2 of 3 = 67 % > 45 %
    expect(res.body.current.deploymentFrequency.tier).toBe('high'); // 2/7 per day ≥ 1 per 30 days
  });

  it('answers 400 naming the parameter, and 404 for an entity the caller cannot see', async () => {
    const server = await start();
    const bad = await request(server).get(
      '/api/opsdeck/entities/component/default/checkout/dora?from=someday',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('from:');
    const missing = await request(server).get(
      '/api/opsdeck/entities/component/default/ghost/dora',
    );
    expect(missing.status).toBe(404);
  });
});

describe('GET /entities/{kind}/{namespace}/{name}/events', () => {
  it('lists the events behind the numbers, newest first, with links, page by page', async () => {
    const { server } = await startTestBackend({
      features: [
        opsdeckPlugin,
        catalogServiceMock.factory({ entities: [checkout] }),
      ],
    });
    const withUrl = structuredClone(batch) as any;
    withUrl.deployments[0].url = 'https://ci.example.com/runs/1';
    await request(server)
      .post('/api/opsdeck/events')
      .set('Authorization', mockCredentials.service.header())
      .send(withUrl)
      .expect(202);
    const base =
      '/api/opsdeck/entities/component/default/checkout/events?from=2026-01-05&to=2026-01-12&limit=2';
    const first = await readDerived(server, base);
    // newest first: incident i1 (7 Jan 09:00), deployment 3 (6 Jan 10:30); then 2, then 1
    expect(first.body.items.map((i: any) => i.key)).toEqual(['ci:i1', 'ci:3']);
    expect(first.body.items[1]).toMatchObject({
      type: 'deployment',
      source: 'ci',
      id: '3',
      detail: { rework: true, failed: true },
    });
    const second = await request(server)
      .get(`${base}&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.items.map((i: any) => i.key)).toEqual(['ci:2', 'ci:1']);
    expect(second.body.items[1].url).toBe('https://ci.example.com/runs/1');
    expect(second.body.nextCursor).toBeUndefined(); // four events in the window: no third page
    const incidentsOnly = await request(server)
      .get(`${base}&type=incident`)
      .expect(200);
    expect(incidentsOnly.body.items.map((i: any) => i.type)).toEqual([
      'incident',
    ]);
    const bad = await request(server).get(`${base}&cursor=garbage`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('cursor:');
    // an empty window is the caller's mistake: 400, not 500
    const empty = await request(server).get(
      '/api/opsdeck/entities/component/default/checkout/events?from=2026-01-12&to=2026-01-05',
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('from, to:');
  });
});
