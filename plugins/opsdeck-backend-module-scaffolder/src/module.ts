import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { resolve } from 'node:path';
import { createAccessRequestAction } from './accessRequestAction';
import {
  createPublishWorkspaceAction,
  defaultPublishDirectory,
} from './publishWorkspaceAction';

/**
 * Adds OpsDeck's scaffolder actions (`opsdeck:publish:workspace`, `opsdeck:access:request`) to
 * the scaffolder.
 *
 * @public
 */
export const opsdeckScaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'opsdeck-actions',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, catalog, config, logger, discovery, auth }) {
        const configured = config.getOptionalString(
          'opsdeck.scaffolder.publishDirectory',
        );
        const directory = configured
          ? resolve(configured)
          : defaultPublishDirectory();
        if (!configured) {
          logger.info(
            `opsdeck:publish:workspace publishes to ${directory} (set opsdeck.scaffolder.publishDirectory)`,
          );
        }
        scaffolder.addActions(
          createPublishWorkspaceAction({ directory, catalog, auth }),
          createAccessRequestAction({ discovery, auth, catalog }),
        );
      },
    });
  },
});
