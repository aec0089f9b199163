import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import {
  createOnCallProviderModule,
  createWebhookSourceModule,
} from '@opsdeck/backstage-plugin-node';
import { createPagerDutyOnCallProvider } from './oncall/pagerdutyOnCall';
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

/**
 * Adds PagerDuty as an OpsDeck on-call provider, configured by `opsdeck.oncall.pagerduty`.
 *
 * @public
 */
export const opsdeckModulePagerDutyOnCall = createOnCallProviderModule({
  provider: 'pagerduty',
  create: config =>
    createPagerDutyOnCallProvider({
      baseUrl: config.getOptionalString('baseUrl'),
      token: config.getOptionalString('token'),
      oauth: config.has('oauth')
        ? {
            clientId: config.getString('oauth.clientId'),
            clientSecret: config.getString('oauth.clientSecret'),
            subDomain: config.getString('oauth.subDomain'),
            region: config.getOptionalString('oauth.region') as
              | 'us'
              | 'eu'
              | undefined,
            tokenUrl: config.getOptionalString('oauth.tokenUrl'),
          }
        : undefined,
    }),
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
