import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import {
  createOnCallProviderModule,
  createWebhookSourceModule,
} from '@opsdeck/backstage-plugin-node';
import { createJsmOnCallProvider } from './oncall/jsmOnCall';
import { createOpsgenieOnCallProvider } from './oncall/opsgenieOnCall';
import { createOpsgenieWebhookSource } from './opsgenieSource';

/**
 * Adds the `opsgenie` webhook source (Opsgenie and JSM Operations) to OpsDeck.
 *
 * @public
 */
export const opsdeckModuleOpsgenie = createWebhookSourceModule({
  source: 'opsgenie',
  create: createOpsgenieWebhookSource,
});

const opsgenieOnCall = createOnCallProviderModule({
  provider: 'opsgenie',
  create: config =>
    createOpsgenieOnCallProvider({
      baseUrl: config.getOptionalString('baseUrl'),
      token: config.getString('token'),
      authScheme: config.getOptionalString('authScheme') as
        | 'GenieKey'
        | 'Basic'
        | undefined,
    }),
});

/**
 * Adds Opsgenie as an OpsDeck on-call provider (`opsdeck.oncall.opsgenie`). Both this and
 * the JSM provider answer `opsgenie.com/team`: when `opsdeck.oncall.jsm` is configured too,
 * Jira Service Management answers and this provider is not added (a warning says so).
 *
 * @public
 */
export const opsdeckModuleOpsgenieOnCall = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
  *loader({ config, logger }) {
    if (
      config.has('opsdeck.oncall.opsgenie') &&
      config.has('opsdeck.oncall.jsm')
    ) {
      // Two providers for one annotation would make the answer depend on start-up order.
      logger.warn(
        "OpsDeck: opsdeck.oncall.opsgenie and opsdeck.oncall.jsm are both configured; both answer opsgenie.com/team, so Jira Service Management (opsdeckModuleJsmOnCall) answers and the Opsgenie on-call provider is not added. Remove opsdeck.oncall.opsgenie once your teams are in JSM Operations (Opsgenie's API ends on 2027-04-05).",
      );
      return;
    }
    yield opsgenieOnCall;
  },
});

/**
 * Adds Jira Service Management Operations as an OpsDeck on-call provider (`jsm`, configured
 * by `opsdeck.oncall.jsm`) for `opsgenie.com/team`.
 *
 * @public
 */
export const opsdeckModuleJsmOnCall = createOnCallProviderModule({
  provider: 'jsm',
  create: config =>
    createJsmOnCallProvider({
      cloudId: config.getString('cloudId'),
      email: config.getString('email'),
      apiToken: config.getString('apiToken'),
      baseUrl: config.getOptionalString('baseUrl'),
      siteUrl: config.getOptionalString('siteUrl'),
    }),
});

/**
 * All Opsgenie / JSM Operations features: the webhook source and both on-call providers (each
 * off until its config block is set).
 *
 * @public
 */
export const opsdeckModuleOpsgenieAll = createBackendFeatureLoader({
  *loader() {
    yield opsdeckModuleOpsgenie;
    yield opsdeckModuleOpsgenieOnCall;
    yield opsdeckModuleJsmOnCall;
  },
});
