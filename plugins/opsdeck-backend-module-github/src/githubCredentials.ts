import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';

/**
 * Where the GitHub backfill gets its credentials: Backstage's `integrations.github` (a token,
 * or GitHub Apps — an installation token per repository from Backstage's GitHub credentials
 * provider) for the host `opsdeck.webhooks.github.host` (default `github.com`), or — the old
 * place, with a deprecation warning — `opsdeck.webhooks.github.token`. Undefined when neither
 * is configured.
 *
 * @public
 */
export function githubBackfillCredentials(options: {
  rootConfig: Config;
  logger: LoggerService;
  /** `opsdeck.webhooks.github.token`. */
  token?: string;
  /** `opsdeck.webhooks.github.apiBaseUrl`. */
  baseUrl?: string;
}):
  | {
      baseUrl?: string;
      authorization(repository: string): Promise<string>;
    }
  | undefined {
  const { rootConfig, logger, token, baseUrl } = options;
  if (token) {
    logger.warn(
      'opsdeck.webhooks.github.token is deprecated: OpsDeck reads integrations.github (a token or GitHub Apps), as the rest of Backstage does; the old key keeps working',
    );
    return { baseUrl, authorization: async () => `Bearer ${token}` };
  }
  const host =
    rootConfig.getOptionalString('opsdeck.webhooks.github.host') ??
    'github.com';
  const integrations = ScmIntegrations.fromConfig(rootConfig);
  const integration = integrations.github.byHost(host);
  if (!integration?.config.token && !integration?.config.apps?.length) {
    return undefined;
  }
  const provider =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return {
    baseUrl: baseUrl ?? integration.config.apiBaseUrl,
    async authorization(repository) {
      const { headers } = await provider.getCredentials({
        url: `https://${host}/${repository}`,
      });
      return headers?.Authorization ?? '';
    },
  };
}
