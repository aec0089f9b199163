/**
 * OpsDeck webhook source for GitLab: deployment events → deployments, push events → changes.
 *
 * @packageDocumentation
 */

export { opsdeckModuleGitlab as default } from './module';
export { createGitlabWebhookSource } from './gitlabSource';
export { createGitlabBackfill } from './gitlabBackfill';
