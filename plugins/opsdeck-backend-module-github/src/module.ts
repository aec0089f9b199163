import { createWebhookSourceModule } from '@opsdeck/backstage-plugin-node';
import { createGithubBackfill } from './githubBackfill';
import { createGithubWebhookSource } from './githubSource';

/**
 * Adds the `github` webhook source to OpsDeck (with backfill when a token is configured).
 *
 * @public
 */
export const opsdeckModuleGithub = createWebhookSourceModule({
  source: 'github',
  create(settings) {
    const token = settings.config?.getOptionalString('token');
    return createGithubWebhookSource(
      settings,
      token
        ? createGithubBackfill({
            token,
            baseUrl: settings.config?.getOptionalString('apiBaseUrl'),
          })
        : undefined,
    );
  },
});
