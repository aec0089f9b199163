import { createBackendModule } from '@backstage/backend-plugin-api';
import { opsdeckWebhookSourcesExtensionPoint } from '@opsdeck/backstage-plugin-node';
import { createArgoCdWebhookSource } from './argocdSource';

/**
 * Adds the `argocd` webhook source to OpsDeck.
 *
 * @public
 */
export const opsdeckModuleArgoCd = createBackendModule({
  pluginId: 'opsdeck',
  moduleId: 'argocd',
  register(reg) {
    reg.registerInit({
      deps: { sources: opsdeckWebhookSourcesExtensionPoint },
      async init({ sources }) {
        sources.addWebhookSource(createArgoCdWebhookSource());
      },
    });
  },
});
