import { createWebhookSourceModule } from '@opsdeck/backstage-plugin-node';
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
