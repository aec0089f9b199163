import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import argocdModule from '@opsdeck/backstage-plugin-backend-module-argocd';
import githubModule from '@opsdeck/backstage-plugin-backend-module-github';
import gitlabModule from '@opsdeck/backstage-plugin-backend-module-gitlab';
import opsgenieModule from '@opsdeck/backstage-plugin-backend-module-opsgenie';
import pagerdutyModule from '@opsdeck/backstage-plugin-backend-module-pagerduty';
import { createHmac } from 'node:crypto';
import { Knex } from 'knex';
import request from 'supertest';
import { opsdeckPlugin } from '../plugin';
import { givenDatabase, inMemoryDatabase } from './inMemoryDatabase';
import { manualScheduler } from './manualScheduler';

/** Test secrets of every source (two for GitHub: rotation). */
export const WEBHOOK_SECRETS = {
  github: ['rotated-out', 'github-secret-1'],
  gitlab: ['gitlab-token-1'],
  pagerduty: ['pagerduty-secret-1'],
  opsgenie: ['opsgenie-secret-1'],
};

/** A catalog Component carrying these annotations. */
export function component(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  };
}

let deliveries = 0;

/** A GitHub delivery signed with the current secret (or another one). */
export function githubDelivery(
  event: string,
  payload: object,
  secret = WEBHOOK_SECRETS.github[1],
) {
  const body = JSON.stringify(payload);
  return {
    source: 'github',
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': `delivery-${++deliveries}`,
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', secret)
        .update(body)
        .digest('hex')}`,
    } as Record<string, string>,
  };
}

/** A PagerDuty v3 delivery, signed. */
export function pagerdutyDelivery(payload: object) {
  const body = JSON.stringify(payload);
  return {
    source: 'pagerduty',
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Webhook-Id': `pd-${++deliveries}`,
      'X-PagerDuty-Signature': `v1=${createHmac(
        'sha256',
        WEBHOOK_SECRETS.pagerduty[0],
      )
        .update(body)
        .digest('hex')}`,
    } as Record<string, string>,
  };
}

/** A webhook delivery as the tests send it. */
export type TestDelivery = {
  source: string;
  body: string | Buffer;
  headers: Record<string, string>;
};

/**
 * A backend with OpsDeck, every webhook module, a catalog of these entities, an in-memory
 * SQLite database the test can read, and scheduled tasks the test runs by hand.
 */
export async function startWebhookBackend(
  options: {
    entities?: Entity[];
    deny?: boolean;
    opsdeck?: object;
    /** More root config beside `opsdeck` (e.g. `events`). */
    rootConfig?: object;
    /** API tokens per source (enable backfill). */
    tokens?: Record<string, string>;
    /** The database to run on; an in-memory SQLite one by default. */
    db?: Knex;
    /** More features or service factories (e.g. a real metrics service). */
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
) {
  const { tasks, factory: scheduler } = manualScheduler();
  const database = options.db ? givenDatabase(options.db) : inMemoryDatabase();
  const backend = await startTestBackend({
    features: [
      opsdeckPlugin,
      githubModule,
      gitlabModule,
      argocdModule,
      pagerdutyModule,
      opsgenieModule,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      database.factory,
      // As in a real backend: a request without a token is anonymous, not the test user.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          ...options.rootConfig,
          opsdeck: {
            webhooks: Object.fromEntries(
              Object.entries(WEBHOOK_SECRETS).map(([k, secrets]) => [
                k,
                { secrets, token: options.tokens?.[k] },
              ]),
            ),
            ...options.opsdeck,
          },
        },
      }),
      scheduler,
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
      ...(options.features ?? []),
    ],
  });
  const server = backend.server;
  const send = (delivery: TestDelivery) =>
    request(server)
      .post(`/api/opsdeck/webhooks/${delivery.source}`)
      .set(delivery.headers)
      .send(delivery.body);
  /** What the scheduler does: finish pending deliveries, learn the catalog's annotations. */
  const settle = async () => {
    await tasks.get('opsdeck-webhooks-sweep')!();
    await tasks.get('opsdeck-entity-index-refresh')!();
  };
  return {
    server,
    db: database.db,
    send,
    settle,
    tasks,
    stop: () => backend.stop(),
  };
}
