import { HumanDuration } from '@backstage/types';

export interface Config {
  opsdeck?: {
    webhooks?: {
      /** PagerDuty v3 webhooks (POST /api/opsdeck/webhooks/pagerduty). */
      pagerduty?: {
        /**
         * The webhook subscriptions' signing secrets; a delivery whose X-PagerDuty-Signature
         * matches any of them is accepted. List two while rotating.
         * @visibility secret
         */
        secrets?: string[];
        /**
         * Deprecated: backfill uses `opsdeck.oncall.pagerduty`, else the `pagerDuty` block of
         * PagerDuty's own Backstage plugin. Still used, with a warning: a read-only API key.
         * @visibility secret
         */
        token?: string;
        /** REST API base URL. Default https://api.pagerduty.com; EU: https://api.eu.pagerduty.com. */
        apiBaseUrl?: string;
      };
    };
    oncall?: {
      /**
       * PagerDuty as an on-call provider for `pagerduty.com/service-id` and
       * `pagerduty.com/integration-key` (REST API v2). Without this block the provider is off.
       */
      pagerduty?: {
        /** REST API base URL. Default https://api.pagerduty.com (https://api.eu.pagerduty.com with oauth.region eu). */
        baseUrl?: string;
        /**
         * A read-only REST API key (sent as `Authorization: Token token=…`).
         * @visibility secret
         */
        token?: string;
        /** A scoped OAuth app's client credentials, used when no token is set. */
        oauth?: {
          clientId: string;
          /** @visibility secret */
          clientSecret: string;
          /** The account's subdomain (`acme` for acme.pagerduty.com). */
          subDomain: string;
          /** `us` (default) or `eu`. */
          region?: 'us' | 'eu';
          /** Token endpoint; default https://identity.pagerduty.com/oauth/token. */
          tokenUrl?: string;
        };
        /** How long an answer is used; it is also refreshed at the next hand-off. Default 5 minutes. */
        cacheTtl?: HumanDuration | string;
      };
    };
  };
}
