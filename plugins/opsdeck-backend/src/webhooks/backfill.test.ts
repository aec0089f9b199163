import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { toRun } from './BackfillService';
import {
  component,
  githubDelivery,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';
import { readDerived } from '../__testUtils__/readDerived';

/** One instant for every time below, so their differences are exact. */
const NOW = Date.now();
const recent = (hoursAgo: number) =>
  new Date(NOW - hoursAgo * 3_600_000).toISOString();
/** When the deployed commit was made: 26 h before the deployment finished. */
const COMMITTED = recent(30);

// The deployed commit of a repository's first successful deployment, with its commit time
// (GitHub's "Get a commit"): where a backfilled deployment's lead time starts.
const server = setupServer(
  http.get(
    'https://api.github.com/repos/:owner/:repo/commits/:sha',
    ({ params }) =>
      HttpResponse.json({
        sha: params.sha,
        commit: { committer: { date: COMMITTED } },
      }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const admin = mockCredentials.user.header();

// GitHub's REST shapes (List deployments / List deployment statuses), trimmed.
const deployment = {
  id: 42,
  sha: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d',
  ref: 'main',
  environment: 'production',
  created_at: recent(5),
  updated_at: recent(5),
};
const statuses = [
  {
    id: 2,
    state: 'success',
    environment: 'production',
    created_at: recent(4),
    log_url: 'https://github.com/acme/checkout/actions/runs/9',
  },
];

describe('POST /api/opsdeck/admin/backfill', () => {
  it('imports recent GitHub deployments for catalog repositories, idempotent with the webhook for the same deployment', async () => {
    server.use(
      http.get('https://api.github.com/repos/acme/checkout/deployments', () =>
        HttpResponse.json([deployment]),
      ),
      http.get(
        'https://api.github.com/repos/acme/checkout/deployments/42/statuses',
        () => HttpResponse.json(statuses),
      ),
    );
    const {
      server: backend,
      db,
      send,
      settle,
    } = await startWebhookBackend({
      entities: [
        component('checkout', { 'github.com/project-slug': 'acme/checkout' }),
      ],
      tokens: { github: 'ghp_test' },
    });
    await settle(); // the catalog's repositories are known

    const started = await request(backend)
      .post('/api/opsdeck/admin/backfill')
      .set('Authorization', admin)
      .send({ days: 30 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ days: 30, status: 'running' });
    let run;
    for (let i = 0; i < 50; i++) {
      const list = await request(backend)
        .get('/api/opsdeck/admin/backfill')
        .set('Authorization', admin)
        .expect(200);
      run = list.body.runs[0];
      if (run.status !== 'running') break;
      await new Promise(r => setTimeout(r, 50));
    }
    expect(run).toMatchObject({
      status: 'done',
      progress: { done: 1, total: 1, etaSeconds: null },
      sources: [
        { source: 'github', targets: 1, done: 1, records: 1, errors: [] },
      ],
    });
    const rows = async () =>
      db('opsdeck_deployments').select('record_key', 'status', 'url');
    expect(await rows()).toEqual([
      {
        record_key: 'github:42',
        status: 'success',
        url: 'https://github.com/acme/checkout/actions/runs/9',
      },
    ]);

    // Backfilled history has lead times: the deployed commit's time is read too.
    const dora = await readDerived(
      backend,
      '/api/opsdeck/entities/component/default/checkout/dora',
      { Authorization: admin },
    );
    expect(dora.body.current.changeLeadTime.value).toBe(26 * 3_600_000);

    // The webhook for the same deployment status changes nothing but confirms it.
    const webhook = githubDelivery('deployment_status', {
      action: 'created',
      deployment_status: statuses[0],
      deployment,
      repository: { full_name: 'acme/checkout' },
    });
    expect((await send(webhook)).status).toBe(202);
    await settle();
    expect(await rows()).toHaveLength(1);
  });

  it('says which sources can backfill, refuses bad days, and needs opsdeck.admin', async () => {
    const { server: backend } = await startWebhookBackend();
    const none = await request(backend)
      .post('/api/opsdeck/admin/backfill')
      .set('Authorization', admin)
      .send({ days: 30 });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(
      /integrations\.github or integrations\.gitlab/,
    );
    const days = await request(backend)
      .post('/api/opsdeck/admin/backfill')
      .set('Authorization', admin)
      .send({ days: 0 });
    expect(days.status).toBe(400);
    expect(days.body.error.message).toMatch(/days/);

    const { server: denied } = await startWebhookBackend({
      deny: true,
      tokens: { github: 'x' },
    });
    const res = await request(denied)
      .post('/api/opsdeck/admin/backfill')
      .set('Authorization', admin)
      .send({ days: 30 });
    expect(res.status).toBe(403);
  });
});

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())('backfill runs on %s', id => {
  jest.setTimeout(60_000);

  it('outlive the replica that started them: any replica shows the run, refuses a second one, and finishes targets the stopped one held', async () => {
    const db = await databases.init(id);
    // checkout's first page hangs until its replica stops; cart answers at once.
    let hung = 0;
    let reached!: () => void;
    const reachedCheckout = new Promise<void>(r => (reached = r));
    server.use(
      http.get(
        'https://api.github.com/repos/acme/checkout/deployments',
        async ({ request: req }) => {
          if (hung++ === 0) {
            reached();
            await new Promise(resolve =>
              req.signal.addEventListener('abort', resolve),
            );
          }
          return HttpResponse.json([deployment]);
        },
      ),
      http.get(
        'https://api.github.com/repos/acme/checkout/deployments/42/statuses',
        () => HttpResponse.json(statuses),
      ),
      http.get('https://api.github.com/repos/acme/cart/deployments', () =>
        HttpResponse.json([{ ...deployment, id: 43 }]),
      ),
      http.get(
        'https://api.github.com/repos/acme/cart/deployments/43/statuses',
        () => HttpResponse.json(statuses),
      ),
    );
    const replica = () =>
      startWebhookBackend({
        db,
        entities: [
          component('checkout', {
            'github.com/project-slug': 'acme/checkout',
          }),
          component('cart', { 'github.com/project-slug': 'acme/cart' }),
        ],
        tokens: { github: 'ghp_test' },
        opsdeck: { backfill: { lease: { milliseconds: 300 } } },
      });
    const first = await replica();
    await first.settle();
    const started = await request(first.server)
      .post('/api/opsdeck/admin/backfill')
      .set('Authorization', admin)
      .send({ days: 30 });
    expect(started.status).toBe(202);
    await reachedCheckout;

    const second = await replica();
    const runs = async () =>
      (
        await request(second.server)
          .get('/api/opsdeck/admin/backfill')
          .set('Authorization', admin)
          .expect(200)
      ).body.runs;
    expect(await runs()).toMatchObject([
      {
        id: started.body.id,
        status: 'running',
        sources: [{ source: 'github', targets: 2 }],
      },
    ]);
    const again = await request(second.server)
      .post('/api/opsdeck/admin/backfill')
      .set('Authorization', admin)
      .send({ days: 7 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already running/);

    // The first replica goes away holding checkout; after its lease, the second takes over.
    await first.stop();
    let run;
    for (let i = 0; i < 100; i++) {
      await second.tasks.get('opsdeck-backfill-resume')!();
      [run] = await runs();
      if (run.status !== 'running') break;
      await new Promise(r => setTimeout(r, 100));
    }
    expect(run).toMatchObject({
      id: started.body.id,
      status: 'done',
      sources: [{ source: 'github', targets: 2, done: 2, errors: [] }],
    });
    expect(
      (await db('opsdeck_deployments').orderBy('record_key')).map(
        r => r.record_key,
      ),
    ).toEqual(['github:42', 'github:43']);
    // A new run may start now.
    const next = await request(second.server)
      .post('/api/opsdeck/admin/backfill')
      .set('Authorization', admin)
      .send({ days: 1 });
    expect(next.status).toBe(202);
    await second.stop();
  });
});

describe('backfill progress', () => {
  const target = (status: 'pending' | 'running' | 'done' | 'failed') => ({
    source: 'github',
    target: `acme/${Math.random()}`,
    status,
    records: 0,
  });
  const stored = (
    states: Array<'pending' | 'running' | 'done' | 'failed'>,
  ) => ({
    id: 'r',
    days: 30,
    since: 0,
    startedAt: 1_000_000,
    status: 'running' as const,
    targets: states.map(target),
  });

  it('estimates the time left from the pace so far', () => {
    // 3 of 8 done in 60 s: 20 s each, 5 left.
    const run = toRun(
      stored([
        'done',
        'failed',
        'done',
        'running',
        'pending',
        'pending',
        'pending',
        'pending',
      ]),
      undefined,
      1_060_000,
    );
    expect(run.progress).toEqual({ done: 3, total: 8, etaSeconds: 100 });
  });

  it('gives no estimate before the first target is done, nor after the run', () => {
    expect(
      toRun(stored(['running', 'pending']), undefined, 1_060_000).progress,
    ).toEqual({ done: 0, total: 2, etaSeconds: null });
    expect(
      toRun(
        { ...stored(['done', 'done']), status: 'done' },
        undefined,
        1_060_000,
      ).progress,
    ).toEqual({ done: 2, total: 2, etaSeconds: null });
  });
});
