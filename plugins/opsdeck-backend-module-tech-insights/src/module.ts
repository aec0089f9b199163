import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { opsdeckFactRetriever } from './opsdeckFactRetriever';

/**
 * Adds OpsDeck's fact retriever to Tech Insights. It runs on the cadence set in
 * `techInsights.factRetrievers.opsdeckFactRetriever` (Tech Insights runs only the retrievers
 * configured there).
 *
 * @public
 */
export const techInsightsModuleOpsDeck = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'opsdeck',
  register(reg) {
    reg.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({ opsdeckFactRetriever });
      },
    });
  },
});
