/**
 * OpsDeck webhook source for PagerDuty v3 webhooks: `incident.*` events → incidents.
 *
 * @packageDocumentation
 */

export { opsdeckModulePagerDuty as default } from './module';
export { createPagerDutyWebhookSource } from './pagerdutySource';
export { createPagerDutyBackfill } from './pagerdutyBackfill';
