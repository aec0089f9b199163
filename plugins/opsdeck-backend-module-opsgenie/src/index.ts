/**
 * OpsDeck Opsgenie and Jira Service Management Operations integration: webhooks (incidents
 * and alerts) and the on-call providers (escalation levels, who is on call, open alerts,
 * upcoming shifts) for Opsgenie and for JSM Operations.
 *
 * @packageDocumentation
 */

export {
  opsdeckModuleOpsgenieAll as default,
  opsdeckModuleOpsgenie,
  opsdeckModuleOpsgenieOnCall,
  opsdeckModuleJsmOnCall,
} from './module';
export { createOpsgenieWebhookSource } from './opsgenieSource';
export { createOpsgenieOnCallProvider } from './oncall/opsgenieOnCall';
export type { OpsgenieOnCallSettings } from './oncall/opsgenieOnCall';
export { createJsmOnCallProvider } from './oncall/jsmOnCall';
export type { JsmOnCallSettings } from './oncall/jsmApi';
