import { mockCredentials } from '@backstage/backend-test-utils';
import eventsBackend from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';
import {
  WEBHOOK_SECRETS,
  component,
  githubDelivery,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';
import {
  at,
  deploymentStatusPayload,
  pushPayload,
} from '../__testUtils__/providerPayloads';
import { readDerived } from '../__testUtils__/readDerived';
import { EVENTS_TOPIC_HEADER } from './eventsTopics';

/**
 * The events modules' features. Their packages export feature loaders, whose dynamic
 * `import()` jest cannot run without a Node flag: each module is required from its file.
 */
function eventsModule(pkg: string, file: string) {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  return require(join(dir, 'dist', 'service', file)).default;
}
const eventsModules = [
  ['github', 'eventsModuleGithubWebhook'],
  ['github', 'eventsModuleGithubEventRouter'],
  ['gitlab', 'eventsModuleGitlabWebhook'],
  ['gitlab', 'eventsModuleGitlabEventRouter'],
].map(([provider, file]) =>
  eventsModule(
    `@backstage/plugin-events-backend-module-${provider}`,
    `${file}.cjs.js`,
  ),
);

const REPO = 'acme/checkout';
/** The events backend's own secrets: not OpsDeck's. */
const EVENTS_GITHUB_SECRET = 'events-module-github-secret';
const EVENTS_GITLAB_TOKEN = 'events-module-gitlab-token';

const entities = [
  component('checkout', {
    'github.com/project-slug': REPO,
    'gitlab.com/project-slug': 'acme/checkout',
  }),
];

/** A backend with Backstage's events backend and its GitHub and GitLab modules beside OpsDeck. */
const start = (
  opsdeck: object = {},
  modules: object = {
    github: { webhookSecret: EVENTS_GITHUB_SECRET },
    gitlab: { webhookSecret: EVENTS_GITLAB_TOKEN },
  },
) =>
  startWebhookBackend({
    entities,
    opsdeck,
    rootConfig: {
      events: {
        // In process, as in one replica; its polling of the bus would outlive the test.
        useEventBus: 'never',
        http: { topics: ['github', 'gitlab'] },
        modules,
      },
    },
    // The real events service (the test backend's mock gives each plugin a bus of its own).
    features: [eventsServiceFactory, eventsBackend, ...eventsModules],
  });

/** The same delivery (event, delivery id, bytes) signed for the events module's hook. */
function forEventsModule(delivery: ReturnType<typeof githubDelivery>) {
  return {
    ...delivery.headers,
    'X-Hub-Signature-256': `sha256=${createHmac('sha256', EVENTS_GITHUB_SECRET)
      .update(delivery.body)
      .digest('hex')}`,
  };
}

const count = async (db: Knex, table: string) =>
  Number((await db(table).count({ n: '*' }))[0].n);

async function dora(server: Parameters<typeof request>[0]) {
  const res = await readDerived(
    server,
    '/api/opsdeck/entities/component/default/checkout/dora?from=2026-01-05&to=2026-01-12',
    { Authorization: mockCredentials.user.header() },
  );
  return res.body.current;
}

describe('webhook deliveries through Backstage events topics', () => {
  it('reads GitHub deliveries the events module checked, exactly as on its own route, and stores a delivery that came both ways once', async () => {
    const { server, db, send, settle } = await start();
    const push = githubDelivery('push', pushPayload(REPO, 1, 2, [2]));
    const deployed = githubDelivery(
      'deployment_status',
      deploymentStatusPayload(REPO, 100, 'success', 2, at(5, 8)),
    );
    // The push on OpsDeck's own route, the deployment through the events backend's hook.
    expect((await send(push)).status).toBe(202);
    const viaEvents = await request(server)
      .post('/api/events/http/github')
      .set(forEventsModule(deployed))
      .send(deployed.body);
    expect(viaEvents.status).toBe(202);
    // The same delivery again on OpsDeck's own route: already stored.
    expect((await send(deployed)).body).toEqual({
      deliveryId: deployed.headers['X-GitHub-Delivery'],
      duplicate: true,
    });
    await settle();

    const current = await dora(server);
    expect(current.deploymentFrequency.detail.count).toBe(1);
    // Commit 2 (5 Jan 02:00) deployed 5 Jan 08:00: the change walked from the direct push.
    expect(current.changeLeadTime.value).toBe(6 * 3_600_000);
    const rows = await db('opsdeck_raw_deliveries').orderBy('id');
    expect(rows.map(r => [r.delivery_id, r.status])).toEqual([
      [push.headers['X-GitHub-Delivery'], 'processed'],
      [deployed.headers['X-GitHub-Delivery'], 'processed'],
    ]);
    const headers = JSON.parse(rows[1].headers);
    expect(headers[EVENTS_TOPIC_HEADER]).toBe('github.deployment_status');
    expect(headers).not.toHaveProperty('x-hub-signature-256');
  });

  it('stores nothing the events module refused, nor events OpsDeck does not use', async () => {
    const { server, db } = await start();
    const deployed = githubDelivery(
      'deployment_status',
      deploymentStatusPayload(REPO, 100, 'success', 2, at(5, 8)),
    );
    const forged = await request(server)
      .post('/api/events/http/github')
      .set(deployed.headers)
      .send(deployed.body);
    expect(forged.status).toBe(403); // signed with OpsDeck's secret, not the events module's
    const issue = githubDelivery('issues', { action: 'opened' });
    const other = await request(server)
      .post('/api/events/http/github')
      .set(forEventsModule(issue))
      .send(issue.body);
    expect(other.status).toBe(202);
    expect(await count(db, 'opsdeck_raw_deliveries')).toBe(0);
  });

  it('reads GitLab deployments the events module checked', async () => {
    const { server, settle } = await start();
    const res = await request(server)
      .post('/api/events/http/gitlab')
      .set({
        'Content-Type': 'application/json',
        'X-Gitlab-Event': 'Deployment Hook',
        'X-Gitlab-Token': EVENTS_GITLAB_TOKEN,
        'Idempotency-Key': 'gl-events-1',
      })
      .send(
        JSON.stringify({
          object_kind: 'deployment',
          status: 'success',
          status_changed_at: '2026-01-06 10:00:00 +0100',
          deployment_id: 42,
          environment: 'production',
          project: { id: 7, path_with_namespace: 'acme/checkout' },
          short_sha: '279484c0',
          commit_url:
            'https://gitlab.com/acme/checkout/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468',
        }),
      );
    expect(res.status).toBe(202);
    await settle();
    expect((await dora(server)).deploymentFrequency.detail.count).toBe(1);
  });

  it('does not read the topics while the events modules check no signature or token', async () => {
    const { server, db } = await start({}, {});
    const deployed = githubDelivery(
      'deployment_status',
      deploymentStatusPayload(REPO, 100, 'success', 2, at(5, 8)),
    );
    // Unsigned: the events module, with no secret, publishes it anyway.
    await request(server)
      .post('/api/events/http/github')
      .set({ ...deployed.headers, 'X-Hub-Signature-256': '' })
      .send(deployed.body)
      .expect(202);
    expect(await count(db, 'opsdeck_raw_deliveries')).toBe(0);
  });

  it('can be turned off', async () => {
    const { server, db } = await start({
      webhooks: {
        subscribeToEvents: false,
        github: { secrets: WEBHOOK_SECRETS.github },
      },
    });
    const deployed = githubDelivery(
      'deployment_status',
      deploymentStatusPayload(REPO, 100, 'success', 2, at(5, 8)),
    );
    await request(server)
      .post('/api/events/http/github')
      .set(forEventsModule(deployed))
      .send(deployed.body)
      .expect(202);
    expect(await count(db, 'opsdeck_raw_deliveries')).toBe(0);
  });
});
