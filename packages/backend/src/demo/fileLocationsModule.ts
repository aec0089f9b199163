import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Demo only (`opsdeck.demo.allowFileLocations: true`): the catalog accepts `file` locations
 * registered through its API as well as `url` ones, so golden paths can publish offline
 * (`opsdeck:publish:workspace` registers the folder it wrote). Off by default: a `file` location
 * makes the catalog read a path on the backend host, so production portals publish to a git host
 * and keep the default (`url` only).
 */
export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'opsdeck-demo-file-locations',
  register(env) {
    env.registerInit({
      deps: {
        locations: catalogLocationsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ locations, config }) {
        if (config.getOptionalBoolean('opsdeck.demo.allowFileLocations')) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
      },
    });
  },
});
