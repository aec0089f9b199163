import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import {
  createOnCallProviderModule,
  createWebhookSourceModule,
} from '@opsdeck/backstage-plugin-node';
import { createPagerDutyOnCallProvider } from './oncall/pagerdutyOnCall';
import {
  createPagerDutyBackfill,
  pagerdutyBackfillSettings,
} from './pagerdutyBackfill';
import {
  readPagerDutyApiSettings,
  readPagerDutyPluginSettings,
} from './pagerdutyApi';
import { createPagerDutyWebhookSource } from './pagerdutySource';

/**
 * Adds the `pagerduty` webhook source to OpsDeck, with backfill when PagerDuty credentials are
 * configured (`opsdeck.oncall.pagerduty`, PagerDuty's plugin's `pagerDuty` block, or the
 * deprecated `opsdeck.webhooks.pagerduty.token`).
 *
 * @public
 */
export const opsdeckModulePagerDuty = createWebhookSourceModule({
  source: 'pagerduty',
  backfill: api => {
    const settings = pagerdutyBackfillSettings(api);
    return settings && createPagerDutyBackfill(settings);
  },
  create: createPagerDutyWebhookSource,
});

/**
 * Adds PagerDuty as an OpsDeck on-call provider, configured by `opsdeck.oncall.pagerduty`, else
 * by the `pagerDuty` block of PagerDuty's own Backstage plugin.
 *
 * @public
 */
export const opsdeckModulePagerDutyOnCall = createOnCallProviderModule({
  provider: 'pagerduty',
  create: config =>
    createPagerDutyOnCallProvider(readPagerDutyApiSettings(config)),
  fromElsewhere: rootConfig => {
    const settings = readPagerDutyPluginSettings(rootConfig);
    return settings && createPagerDutyOnCallProvider(settings);
  },
});

/**
 * Both PagerDuty features: the webhook source and the on-call provider.
 *
 * @public
 */
export const opsdeckModulePagerDutyAll = createBackendFeatureLoader({
  *loader() {
    yield opsdeckModulePagerDuty;
    yield opsdeckModulePagerDutyOnCall;
  },
});
