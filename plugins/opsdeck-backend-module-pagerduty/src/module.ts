import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  opsdeckWebhookSourcesExtensionPoint,
  readWebhookSettings,
} from '@opsdeck/backstage-plugin-node';
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
        sources.addWebhookSource(createPagerDutyWebhookSource(settings));
      },
    });
  },
});
