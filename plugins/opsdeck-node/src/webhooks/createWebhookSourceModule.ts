import {
  BackendFeature,
  LoggerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { opsdeckWebhookSourcesExtensionPoint } from '../extensions/webhookSources';
import type {
  OpsDeckWebhookBackfill,
  OpsDeckWebhookSource,
} from '../extensions/webhookSources';
import { Config } from '@backstage/config';
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
  /**
   * Builds the source's backfill, or returns undefined when no credentials are configured.
   * `token` and `baseUrl` are `opsdeck.webhooks.<source>.{token, apiBaseUrl}`, the old place
   * for them; a module reads Backstage's own (`integrations.*`) too.
   */
  backfill?: (api: {
    token?: string;
    baseUrl?: string;
    rootConfig: Config;
    logger: LoggerService;
  }) => OpsDeckWebhookBackfill | undefined;
  create(
    settings: OpsDeckWebhookSettings,
    backfill?: OpsDeckWebhookBackfill,
    /** The whole app config (e.g. to see whether Backstage's events module checks signatures). */
    rootConfig?: Config,
  ): OpsDeckWebhookSource;
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
          const backfill = options.backfill?.({
            token: settings.config?.getOptionalString('token'),
            baseUrl: settings.config?.getOptionalString('apiBaseUrl'),
            rootConfig: config,
            logger,
          });
          const source = options.create(settings, backfill, config);
          if (!isConfigured(settings)) {
            const topics = source.events?.topics.join(', ');
            logger.warn(
              `OpsDeck ${options.source} webhooks on /api/opsdeck/webhooks/${
                options.source
              } are refused until opsdeck.webhooks.${
                options.source
              }.secrets is set${
                topics
                  ? ` (deliveries on the events topics ${topics} are read)`
                  : ''
              }`,
            );
          }
          sources.addWebhookSource(source);
        },
      });
    },
  });
}
