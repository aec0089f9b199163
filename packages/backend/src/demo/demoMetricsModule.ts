import express from 'express';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DemoLiveMetrics } from './demoLiveMetrics';

/**
 * Demo only (`opsdeck.demo.metrics.enabled: true`): the demo services' live request counters
 * (demoLiveMetrics.ts) at `/api/opsdeck-demo/metrics` in Prometheus' text format, added every
 * second. The demo's own Prometheus (started by scripts/demo.sh) scrapes them every 15 s on top of
 * the 30-day history it was loaded with, so the SLO cards move while the portal runs. Open without
 * a token, as a metrics endpoint is: it serves made-up traffic only.
 */
export default createBackendModule({
  pluginId: 'opsdeck-demo',
  moduleId: 'metrics',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, httpRouter, lifecycle }) {
        if (!config.getOptionalBoolean('opsdeck.demo.metrics.enabled')) return;
        const metrics = new DemoLiveMetrics();
        const timer = setInterval(() => metrics.tick(Date.now()), 1000);
        lifecycle.addShutdownHook(() => clearInterval(timer));
        httpRouter.use(
          express.Router().get('/metrics', async (_req, res) => {
            res
              .type(metrics.registry.contentType)
              .send(await metrics.registry.metrics());
          }),
        );
        httpRouter.addAuthPolicy({
          path: '/metrics',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
