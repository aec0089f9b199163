import { createWebhookSourceModule } from '@opsdeck/backstage-plugin-node';
import { createGithubBackfill } from './githubBackfill';
import { githubBackfillCredentials } from './githubCredentials';
import {
  createGithubWebhookSource,
  githubEventsAreChecked,
} from './githubSource';

/**
 * Adds the `github` webhook source to OpsDeck, with backfill when `integrations.github` (or
 * the deprecated `opsdeck.webhooks.github.token`) gives credentials.
 *
 * @public
 */
export const opsdeckModuleGithub = createWebhookSourceModule({
  source: 'github',
  backfill: api => {
    const credentials = githubBackfillCredentials(api);
    return credentials && createGithubBackfill(credentials);
  },
  create: (settings, backfill, rootConfig) =>
    createGithubWebhookSource(settings, backfill, {
      readEventsTopics: rootConfig ? githubEventsAreChecked(rootConfig) : false,
    }),
});
