import { createWebhookSourceModule } from '@opsdeck/backstage-plugin-node';
import { createGitlabBackfill } from './gitlabBackfill';
import { createGitlabWebhookSource } from './gitlabSource';

const signingSecretsOf = (config?: {
  getOptionalStringArray(key: string): string[] | undefined;
}) => config?.getOptionalStringArray('signingSecrets') ?? [];

/**
 * Adds the `gitlab` webhook source to OpsDeck (with backfill when a token is configured).
 *
 * @public
 */
export const opsdeckModuleGitlab = createWebhookSourceModule({
  source: 'gitlab',
  isConfigured: settings =>
    settings.secrets.length + signingSecretsOf(settings.config).length > 0,
  create(settings) {
    const token = settings.config?.getOptionalString('token');
    return createGitlabWebhookSource(
      { ...settings, signingSecrets: signingSecretsOf(settings.config) },
      token
        ? createGitlabBackfill({
            token,
            baseUrl: settings.config?.getOptionalString('apiBaseUrl'),
          })
        : undefined,
    );
  },
});
