import {
  BackendFeature,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { opsdeckWebhookSourcesExtensionPoint } from '../extensions/webhookSources';
import type { OpsDeckWebhookSource } from '../extensions/webhookSources';
import { OpsDeckWebhookSettings, readWebhookSettings } from './helpers';

/**
 * A backend module that adds one webhook source, built from `opsdeck.webhooks.<source>`. Warns
 * at start when the source has no secret (its deliveries are then refused with 401).
 *
 * @public
 */
export function createWebhookSourceModule(options: {
  /** The source id, also the module id and the config block name. */
  source: string;
  /** Whether the settings let the source accept deliveries; default: a secret is set. */
  isConfigured?: (settings: OpsDeckWebhookSettings) => boolean;
  create(settings: OpsDeckWebhookSettings): OpsDeckWebhookSource;
}): BackendFeature {
  const isConfigured =
    options.isConfigured ?? (settings => settings.secrets.length > 0);
  return createBackendModule({
    pluginId: 'opsdeck',
    moduleId: options.source,
    register(reg) {
      reg.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          sources: opsdeckWebhookSourcesExtensionPoint,
        },
        async init({ config, logger, sources }) {
          const settings = readWebhookSettings(config, options.source);
          if (!isConfigured(settings)) {
            logger.warn(
              `OpsDeck ${options.source} webhooks are refused until opsdeck.webhooks.${options.source}.secrets is set`,
            );
          }
          sources.addWebhookSource(options.create(settings));
        },
      });
    },
  });
}
