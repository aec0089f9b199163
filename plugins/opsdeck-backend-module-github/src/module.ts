import { createWebhookSourceModule } from '@opsdeck/backstage-plugin-node';
import { createGithubBackfill } from './githubBackfill';
import {
  createGithubWebhookSource,
  githubEventsAreChecked,
} from './githubSource';

/**
 * Adds the `github` webhook source to OpsDeck (with backfill when a token is configured).
 *
 * @public
 */
export const opsdeckModuleGithub = createWebhookSourceModule({
  source: 'github',
  backfill: createGithubBackfill,
  create: (settings, backfill, rootConfig) =>
    createGithubWebhookSource(settings, backfill, {
      readEventsTopics: rootConfig ? githubEventsAreChecked(rootConfig) : false,
    }),
});
