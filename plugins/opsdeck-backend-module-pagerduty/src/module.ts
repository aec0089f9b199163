import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  opsdeckWebhookSourcesExtensionPoint,
  readWebhookSettings,
} from '@opsdeck/backstage-plugin-node';
import { createPagerDutyBackfill } from './pagerdutyBackfill';
import { createPagerDutyWebhookSource } from './pagerdutySource';

/**
 * Adds the `pagerduty` webhook source to OpsDeck.
 *
 * @public
 */
export const opsdeckModulePagerDuty = createBackendModule({
  pluginId: 'opsdeck',
  moduleId: 'pagerduty',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: opsdeckWebhookSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const settings = readWebhookSettings(config, 'pagerduty');
        if (!settings.secrets.length) {
          logger.warn(
            'OpsDeck PagerDuty webhooks are refused until opsdeck.webhooks.pagerduty.secrets is set',
          );
        }
        const token = settings.config?.getOptionalString('token');
        sources.addWebhookSource(
          createPagerDutyWebhookSource(
            settings,
            token
              ? createPagerDutyBackfill({
                  token,
                  baseUrl: settings.config?.getOptionalString('apiBaseUrl'),
                })
              : undefined,
          ),
        );
      },
    });
  },
});
