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
  backfill: createGitlabBackfill,
  create: (settings, backfill, rootConfig) =>
    createGitlabWebhookSource(
      { ...settings, signingSecrets: signingSecretsOf(settings.config) },
      backfill,
      {
        // Backstage's GitLab events module checks X-Gitlab-Token only when it has a secret.
        readEventsTopics: Boolean(
          rootConfig?.getOptionalString('events.modules.gitlab.webhookSecret'),
        ),
      },
    ),
});
