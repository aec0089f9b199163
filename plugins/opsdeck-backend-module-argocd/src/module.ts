import { createWebhookSourceModule } from '@opsdeck/backstage-plugin-node';
import { createArgoCdWebhookSource } from './argocdSource';

/**
 * Adds the `argocd` webhook source to OpsDeck (authenticated by Backstage tokens, no secret).
 *
 * @public
 */
export const opsdeckModuleArgoCd = createWebhookSourceModule({
  source: 'argocd',
  isConfigured: () => true,
  create: () => createArgoCdWebhookSource(),
});
