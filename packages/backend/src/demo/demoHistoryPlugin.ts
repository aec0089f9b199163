import express from 'express';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { demoHistoryBatches } from './demoHistory';
import { demoPagerDutyRouter } from './demoPagerDuty';

const DAY = 86_400_000;

/**
 * Demo only. With `opsdeck.demo.pagerduty.token`, serves a PagerDuty stand-in (see
 * demoPagerDuty.ts). With `opsdeck.demo.history.enabled`, sends 180 days of deterministic history for the demo
 * services through OpsDeck's own `POST /events`, as any CI system would. The history is anchored
 * to the UTC date of the first start (kept in this plugin's database); later starts send the days
 * up to today again, which stores only what is new.
 */
export default createBackendPlugin({
  pluginId: 'opsdeck-demo',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
      },
      async init({
        config,
        database,
        discovery,
        auth,
        logger,
        scheduler,
        httpRouter,
      }) {
        const pagerDutyToken = config.getOptionalString(
          'opsdeck.demo.pagerduty.token',
        );
        if (pagerDutyToken) {
          // PagerDuty checks its own API key, not Backstage tokens.
          httpRouter.use(
            express
              .Router()
              .use('/pagerduty', demoPagerDutyRouter(pagerDutyToken)),
          );
          httpRouter.addAuthPolicy({
            path: '/pagerduty',
            allow: 'unauthenticated',
          });
        }
        if (!config.getOptionalBoolean('opsdeck.demo.history.enabled')) return;
        const db = await database.getClient();
        if (!(await db.schema.hasTable('demo_anchor'))) {
          await db.schema.createTable('demo_anchor', t => {
            t.integer('id').primary();
            t.bigInteger('anchor_day')
              .notNullable()
              .comment('UTC day of the first start, epoch ms');
          });
        }
        await scheduler.scheduleTask({
          id: 'opsdeck-demo-history',
          frequency: { hours: 6 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 2 },
          fn: async () => {
            const now = Date.now();
            await db('demo_anchor')
              .insert({ id: 1, anchor_day: Math.floor(now / DAY) * DAY })
              .onConflict('id')
              .ignore();
            const anchorDay = Number(
              (await db('demo_anchor').where('id', 1).first()).anchor_day,
            );
            const baseUrl = await discovery.getBaseUrl('opsdeck');
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: await auth.getOwnServiceCredentials(),
              targetPluginId: 'opsdeck',
            });
            let sent = 0;
            for (const batch of demoHistoryBatches({ anchorDay, now })) {
              const res = await fetch(`${baseUrl}/events`, {
                method: 'POST',
                headers: {
                  'Content-Type': 'application/json',
                  Authorization: `Bearer ${token}`,
                },
                body: JSON.stringify(batch),
              });
              if (res.status !== 202) {
                throw new Error(
                  `OpsDeck demo history: POST /events answered ${
                    res.status
                  } ${await res.text()}`,
                );
              }
              sent += batch.deployments.length + batch.incidents.length;
            }
            logger.info(
              `OpsDeck demo history: sent ${sent} events anchored at ${new Date(
                anchorDay,
              )
                .toISOString()
                .slice(0, 10)}`,
            );
          },
        });
      },
    });
  },
});
