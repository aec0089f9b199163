/**
 * OpsDeck webhook source for GitHub: `deployment_status` → deployments, `push` → changes.
 *
 * @packageDocumentation
 */

export { opsdeckModuleGithub as default } from './module';
export { createGithubWebhookSource } from './githubSource';
export { createGithubBackfill } from './githubBackfill';
