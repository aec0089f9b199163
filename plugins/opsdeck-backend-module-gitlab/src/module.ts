import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  opsdeckWebhookSourcesExtensionPoint,
  readWebhookSettings,
} from '@opsdeck/backstage-plugin-node';
import { createGitlabBackfill } from './gitlabBackfill';
import { createGitlabWebhookSource } from './gitlabSource';

/**
 * Adds the `gitlab` webhook source to OpsDeck.
 *
 * @public
 */
export const opsdeckModuleGitlab = createBackendModule({
  pluginId: 'opsdeck',
  moduleId: 'gitlab',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: opsdeckWebhookSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const settings = readWebhookSettings(config, 'gitlab');
        const signingSecrets =
          settings.config?.getOptionalStringArray('signingSecrets') ?? [];
        if (!settings.secrets.length && !signingSecrets.length) {
          logger.warn(
            'OpsDeck GitLab webhooks are refused until opsdeck.webhooks.gitlab.secrets is set',
          );
        }
        const token = settings.config?.getOptionalString('token');
        sources.addWebhookSource(
          createGitlabWebhookSource(
            { ...settings, signingSecrets },
            token
              ? createGitlabBackfill({
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
