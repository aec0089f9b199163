import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  opsdeckWebhookSourcesExtensionPoint,
  readWebhookSettings,
} from '@opsdeck/backstage-plugin-node';
import { createOpsgenieWebhookSource } from './opsgenieSource';

/**
 * Adds the `opsgenie` webhook source (Opsgenie and JSM Operations) to OpsDeck.
 *
 * @public
 */
export const opsdeckModuleOpsgenie = createBackendModule({
  pluginId: 'opsdeck',
  moduleId: 'opsgenie',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: opsdeckWebhookSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const settings = readWebhookSettings(config, 'opsgenie');
        if (!settings.secrets.length) {
          logger.warn(
            'OpsDeck Opsgenie webhooks are refused until opsdeck.webhooks.opsgenie.secrets is set',
          );
        }
        sources.addWebhookSource(createOpsgenieWebhookSource(settings));
      },
    });
  },
});
