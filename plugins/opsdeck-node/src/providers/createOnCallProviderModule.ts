import {
  BackendFeature,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  OpsDeckOnCallProvider,
  opsdeckOnCallProvidersExtensionPoint,
} from '../extensions/oncallProviders';

/**
 * A backend module that adds one on-call provider built from `opsdeck.oncall.<provider>`.
 * Without that block the module logs how to configure it and adds nothing (entities using
 * its annotations then say that no provider is installed).
 *
 * @public
 */
export function createOnCallProviderModule(options: {
  /** The provider id, also the config block name; the module id is `<provider>-oncall`. */
  provider: string;
  /** Builds the provider from its config block; may throw naming a missing key. */
  create(config: Config): OpsDeckOnCallProvider;
  /**
   * Without that block: builds the provider from settings adopters keep elsewhere (e.g. another
   * plugin's config), or undefined.
   */
  fromElsewhere?(rootConfig: Config): OpsDeckOnCallProvider | undefined;
}): BackendFeature {
  return createBackendModule({
    pluginId: 'opsdeck',
    moduleId: `${options.provider}-oncall`,
    register(reg) {
      reg.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          oncall: opsdeckOnCallProvidersExtensionPoint,
        },
        async init({ config, logger, oncall }) {
          const key = `opsdeck.oncall.${options.provider}`;
          const block = config.getOptionalConfig(key);
          const elsewhere = block ? undefined : options.fromElsewhere?.(config);
          if (elsewhere) {
            oncall.addOnCallProvider(elsewhere);
            return;
          }
          if (!block) {
            logger.info(
              `OpsDeck ${options.provider} on-call is off until ${key} is configured`,
            );
            return;
          }
          oncall.addOnCallProvider(options.create(block));
        },
      });
    },
  });
}
