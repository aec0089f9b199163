import { ProviderHttpError, discard } from '@opsdeck/backstage-plugin-node';

/**
 * A PagerDuty scoped OAuth app's client credentials (`opsdeck.oncall.pagerduty.oauth`).
 *
 * @public
 */
export interface PagerDutyOAuthSettings {
  /** The app's client id. */
  clientId: string;
  /** The app's client secret. */
  clientSecret: string;
  /** The account's subdomain (`acme` for acme.pagerduty.com). */
  subDomain: string;
  /** `us` (default) or `eu`. */
  region?: 'us' | 'eu';
  /** Token endpoint; default `https://identity.pagerduty.com/oauth/token`. */
  tokenUrl?: string;
}

const SCOPES = [
  'services.read',
  'escalation_policies.read',
  'oncalls.read',
  'incidents.read',
  'users.read',
  'schedules.read',
];

/**
 * Access tokens for a scoped OAuth app (client credentials grant): fetched when needed, one
 * request at a time, reused until a minute before they expire, dropped after a 401.
 *
 * @internal
 */
export function createPagerDutyOAuth(
  settings: PagerDutyOAuthSettings,
  doFetch: typeof fetch = fetch,
) {
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const request = async () => {
    const res = await doFetch(
      settings.tokenUrl ?? 'https://identity.pagerduty.com/oauth/token',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          scope: `as_account-${settings.region ?? 'us'}.${
            settings.subDomain
          } ${SCOPES.join(' ')}`,
        }),
        signal: AbortSignal.timeout(5_000),
      },
    ).catch(error => {
      throw new ProviderHttpError(
        `PagerDuty OAuth token endpoint did not answer: ${error}`,
      );
    });
    if (!res.ok) {
      discard(res);
      throw new ProviderHttpError(
        `PagerDuty OAuth token endpoint answered ${res.status} (check opsdeck.oncall.pagerduty.oauth)`,
        res.status,
      );
    }
    const body = (await res.json()) as {
      access_token?: string;
      expires_in?: number;
    };
    if (!body.access_token) {
      throw new ProviderHttpError(
        'PagerDuty OAuth token endpoint sent no access_token',
        502,
      );
    }
    current = {
      token: body.access_token,
      expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 - 60_000,
    };
    return current.token;
  };

  return {
    async token(): Promise<string> {
      if (current && Date.now() < current.expiresAt) return current.token;
      pending ??= request().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      current = undefined;
    },
  };
}
