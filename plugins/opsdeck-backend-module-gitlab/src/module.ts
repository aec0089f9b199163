import { createWebhookSourceModule } from '@opsdeck/backstage-plugin-node';
import {
  createGitlabBackfill,
  gitlabBackfillCredentials,
} from './gitlabBackfill';
import { createGitlabWebhookSource } from './gitlabSource';

const signingSecretsOf = (config?: {
  getOptionalStringArray(key: string): string[] | undefined;
}) => config?.getOptionalStringArray('signingSecrets') ?? [];

/**
 * Adds the `gitlab` webhook source to OpsDeck, with backfill when `integrations.gitlab` (or the
 * deprecated `opsdeck.webhooks.gitlab.token`) gives a token.
 *
 * @public
 */
export const opsdeckModuleGitlab = createWebhookSourceModule({
  source: 'gitlab',
  isConfigured: settings =>
    settings.secrets.length + signingSecretsOf(settings.config).length > 0,
  backfill: api => {
    const credentials = gitlabBackfillCredentials(api);
    return credentials && createGitlabBackfill(credentials);
  },
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
