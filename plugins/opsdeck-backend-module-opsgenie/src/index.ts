/**
 * OpsDeck webhook source for Opsgenie and Jira Service Management Operations: incidents and
 * alerts.
 *
 * @packageDocumentation
 */

export { opsdeckModuleOpsgenie as default } from './module';
export { createOpsgenieWebhookSource } from './opsgenieSource';
