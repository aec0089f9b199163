/**
 * OpsDeck PagerDuty integration: v3 webhooks (`incident.*` → incidents, with backfill) and the
 * on-call provider (REST API v2: escalation levels, open incidents, upcoming shifts).
 *
 * @packageDocumentation
 */

export {
  opsdeckModulePagerDutyAll as default,
  opsdeckModulePagerDuty,
  opsdeckModulePagerDutyOnCall,
} from './module';
export { createPagerDutyWebhookSource } from './pagerdutySource';
export { createPagerDutyBackfill } from './pagerdutyBackfill';
export {
  createPagerDutyOnCallProvider,
  PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
} from './oncall/pagerdutyOnCall';
export type { PagerDutyOnCallSettings } from './oncall/pagerdutyOnCall';
export type { PagerDutyOAuthSettings } from './oncall/pagerdutyOAuth';
