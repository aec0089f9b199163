import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';

type SearchQuery = Parameters<LunrSearchEngine['query']>[0];
type ResultSet = Awaited<ReturnType<LunrSearchEngine['query']>>;

/**
 * Backstage's in-memory Lunr engine, except that a query for document types with no index yet
 * answers an empty result instead of failing. Lunr keeps no index for a type until a collator
 * has delivered at least one document of it, and the search backend answers its
 * `MissingIndexError` with a 500 — so "search the docs" failed until some site had been built
 * and collated (the TechDocs collator runs every few minutes), though "nothing found" is the
 * truth.
 */
export class EmptyUntilIndexedLunrSearchEngine extends LunrSearchEngine {
  async query(query: SearchQuery): Promise<ResultSet> {
    try {
      return await super.query(query);
    } catch (error) {
      if ((error as Error)?.name === 'MissingIndexError') {
        return { results: [], numberOfResults: 0 };
      }
      throw error;
    }
  }
}

/** Installs {@link EmptyUntilIndexedLunrSearchEngine} as the search backend's engine. */
export default createBackendModule({
  pluginId: 'search',
  moduleId: 'lunr-empty-until-indexed',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        searchEngineRegistry: searchEngineRegistryExtensionPoint,
      },
      async init({ logger, searchEngineRegistry }) {
        searchEngineRegistry.setSearchEngine(
          new EmptyUntilIndexedLunrSearchEngine({ logger }),
        );
      },
    });
  },
});
