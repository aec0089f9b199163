/**
 * OpsDeck Opsgenie and Jira Service Management Operations integration: webhooks (incidents
 * and alerts) and the on-call provider (team schedules, who is on call, open alerts).
 *
 * @packageDocumentation
 */

export {
  opsdeckModuleOpsgenieAll as default,
  opsdeckModuleOpsgenie,
  opsdeckModuleOpsgenieOnCall,
} from './module';
export { createOpsgenieWebhookSource } from './opsgenieSource';
export { createOpsgenieOnCallProvider } from './oncall/opsgenieOnCall';
export type { OpsgenieOnCallSettings } from './oncall/opsgenieOnCall';
