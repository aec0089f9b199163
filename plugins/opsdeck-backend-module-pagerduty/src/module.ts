import { createWebhookSourceModule } from '@opsdeck/backstage-plugin-node';
import { createPagerDutyBackfill } from './pagerdutyBackfill';
import { createPagerDutyWebhookSource } from './pagerdutySource';

/**
 * Adds the `pagerduty` webhook source to OpsDeck (with backfill when a token is configured).
 *
 * @public
 */
export const opsdeckModulePagerDuty = createWebhookSourceModule({
  source: 'pagerduty',
  backfill: createPagerDutyBackfill,
  create: createPagerDutyWebhookSource,
});
