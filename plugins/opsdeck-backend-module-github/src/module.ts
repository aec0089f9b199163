import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  opsdeckWebhookSourcesExtensionPoint,
  readWebhookSettings,
} from '@opsdeck/backstage-plugin-node';
import { createGithubBackfill } from './githubBackfill';
import { createGithubWebhookSource } from './githubSource';

/**
 * Adds the `github` webhook source to OpsDeck.
 *
 * @public
 */
export const opsdeckModuleGithub = createBackendModule({
  pluginId: 'opsdeck',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: opsdeckWebhookSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const settings = readWebhookSettings(config, 'github');
        if (!settings.secrets.length) {
          logger.warn(
            'OpsDeck GitHub webhooks are refused until opsdeck.webhooks.github.secrets is set',
          );
        }
        const token = settings.config?.getOptionalString('token');
        sources.addWebhookSource(
          createGithubWebhookSource(
            settings,
            token
              ? createGithubBackfill({
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
