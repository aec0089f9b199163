import { Config } from '@backstage/config';
import {
  ProviderHttpClient,
  ProviderHttpClientOptions,
  createProviderHttpClient,
} from '@opsdeck/backstage-plugin-node';
import {
  PagerDutyOAuthSettings,
  createPagerDutyOAuth,
} from './oncall/pagerdutyOAuth';

/**
 * How OpsDeck reaches PagerDuty's REST API v2: a read-only API key, or a scoped OAuth app.
 *
 * @public
 */
export interface PagerDutyApiSettings {
  /** REST API v2 base URL; default `https://api.pagerduty.com`, or the EU one for `region: eu`. */
  baseUrl?: string;
  /** A read-only REST API key. */
  token?: string;
  /** OAuth client credentials (a scoped OAuth app), used when no token is set. */
  oauth?: PagerDutyOAuthSettings;
  /** For tests. */
  fetch?: typeof fetch;
}

/** A REST API v2 client: `Token token=…` or an OAuth bearer token, refreshed after a 401. */
export function createPagerDutyClient(
  settings: PagerDutyApiSettings,
  what: string,
  overrides: Partial<ProviderHttpClientOptions> = {},
): ProviderHttpClient {
  const eu = settings.oauth?.region === 'eu';
  const oauth = settings.token
    ? undefined
    : settings.oauth && createPagerDutyOAuth(settings.oauth, settings.fetch);
  if (!settings.token && !oauth) {
    throw new Error(
      `${what} needs token or oauth.{clientId, clientSecret, subDomain}`,
    );
  }
  return createProviderHttpClient({
    provider: 'PagerDuty',
    baseUrl:
      settings.baseUrl ??
      (eu ? 'https://api.eu.pagerduty.com' : 'https://api.pagerduty.com'),
    headers: { Accept: 'application/vnd.pagerduty+json;version=2' },
    authorization: async () =>
      settings.token
        ? `Token token=${settings.token}`
        : `Bearer ${await oauth!.token()}`,
    onUnauthorized: oauth ? () => oauth.invalidate() : undefined,
    fetch: settings.fetch,
    ...overrides,
  });
}

const oauthOf = (
  block: Config | undefined,
): PagerDutyOAuthSettings | undefined =>
  block && {
    clientId: block.getString('clientId'),
    clientSecret: block.getString('clientSecret'),
    subDomain: block.getString('subDomain'),
    region: block.getOptionalString('region') as 'us' | 'eu' | undefined,
    tokenUrl: block.getOptionalString('tokenUrl'),
  };

/**
 * API settings from a block shaped like `opsdeck.oncall.pagerduty` (`baseUrl`, `token`,
 * `oauth`).
 *
 * @public
 */
export function readPagerDutyApiSettings(block: Config): PagerDutyApiSettings {
  return {
    baseUrl: block.getOptionalString('baseUrl'),
    token: block.getOptionalString('token'),
    oauth: oauthOf(block.getOptionalConfig('oauth')),
  };
}

/**
 * API settings from the `pagerDuty` block of PagerDuty's own Backstage plugin, so adopters
 * enter them once: its default account (`pagerDuty.accounts[]` with `isDefault`, else the
 * first), or the single-account keys `pagerDuty.{apiToken, apiBaseUrl, oauth}`. Undefined
 * without either.
 *
 * @public
 */
export function readPagerDutyPluginSettings(
  rootConfig: Config,
): PagerDutyApiSettings | undefined {
  const block = rootConfig.getOptionalConfig('pagerDuty');
  if (!block) return undefined;
  const accounts = block.getOptionalConfigArray('accounts') ?? [];
  const account =
    accounts.find(a => a.getOptionalBoolean('isDefault')) ??
    accounts[0] ??
    block;
  const token = account.getOptionalString('apiToken');
  const oauth = oauthOf(account.getOptionalConfig('oauth'));
  if (!token && !oauth) return undefined;
  return {
    baseUrl: account.getOptionalString('apiBaseUrl'),
    token,
    oauth,
  };
}
