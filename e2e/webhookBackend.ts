/* eslint-disable no-console */
// A small real Backstage backend for the webhook crash and replica tests and the webhook
// benchmarks: OpsDeck + the GitHub webhook module (+ a trivial `POST /api/noop/ping` route to
// compare against), on the database given in OPSDECK_WH_DATABASE (JSON of backend.database).
// With OPSDECK_WH_ENTITIES (a JSON file of catalog entities), a catalog of those entities (in
// memory: nothing of it to migrate or to break when the process is killed), so events map to
// Components; with OPSDECK_WH_TOKEN, a static service token for `POST /api/opsdeck/events`.
// Run: node --require @backstage/cli/config/nodeTransform.cjs e2e/webhookBackend.ts
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import Router from 'express-promise-router';

const port = Number(process.env.OPSDECK_WH_PORT);
const secret = process.env.OPSDECK_WH_SECRET ?? 'crash-test-secret';
const database = JSON.parse(process.env.OPSDECK_WH_DATABASE ?? '{}');
const entitiesFile = process.env.OPSDECK_WH_ENTITIES;
const token = process.env.OPSDECK_WH_TOKEN;

/** The baseline route: authenticated the same way (none), answers at once. */
const noopPlugin = createBackendPlugin({
  pluginId: 'noop',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.post('/ping', (_req, res) => {
          res.status(202).json({ ok: true });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/ping', allow: 'unauthenticated' });
      },
    });
  },
});

const backend = createBackend();
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
        database,
        ...(token
          ? {
              auth: {
                externalAccess: [
                  { type: 'static', options: { token, subject: 'sender' } },
                ],
              },
            }
          : {}),
      },
      opsdeck: {
        webhooks: { github: { secrets: [secret] } },
        mapping: { refreshInterval: { seconds: 2 } },
      },
    },
  }),
);
backend.add(
  mockServices.rootLogger.factory({
    level: process.env.OPSDECK_WH_LOG_LEVEL === 'error' ? 'error' : 'warn',
  }),
);
backend.add(import('@opsdeck/backstage-plugin-backend'));
backend.add(import('@opsdeck/backstage-plugin-backend-module-github'));
backend.add(noopPlugin);
if (entitiesFile)
  backend.add(
    catalogServiceMock.factory({
      entities: JSON.parse(readFileSync(entitiesFile, 'utf8')),
    }),
  );
backend.start().then(
  () => console.log('webhook backend ready'),
  error => {
    console.error(error);
    process.exit(1);
  },
);
