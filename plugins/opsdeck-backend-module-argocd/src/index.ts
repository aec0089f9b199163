/**
 * OpsDeck webhook source for Argo CD notifications: sync results → deployments.
 *
 * @packageDocumentation
 */

export { opsdeckModuleArgoCd as default } from './module';
export { createArgoCdWebhookSource } from './argocdSource';
