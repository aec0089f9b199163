import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import {
  createOnCallProviderModule,
  createWebhookSourceModule,
} from '@opsdeck/backstage-plugin-node';
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

/**
 * Adds Opsgenie / JSM Operations as an OpsDeck on-call provider (`opsdeck.oncall.opsgenie`).
 *
 * @public
 */
export const opsdeckModuleOpsgenieOnCall = createOnCallProviderModule({
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
 * Both Opsgenie features: the webhook source and the on-call provider.
 *
 * @public
 */
export const opsdeckModuleOpsgenieAll = createBackendFeatureLoader({
  *loader() {
    yield opsdeckModuleOpsgenie;
    yield opsdeckModuleOpsgenieOnCall;
  },
});
