import { HumanDuration } from '@backstage/types';

export interface Config {
  opsdeck?: {
    webhooks?: {
      /** Opsgenie / JSM Operations webhooks (POST /api/opsdeck/webhooks/opsgenie). */
      opsgenie?: {
        /**
         * Shared secrets; a delivery whose secret header equals any of them is accepted.
         * @visibility secret
         */
        secrets?: string[];
        /** The header that carries the secret (a custom header of the integration). Default x-opsdeck-secret. */
        header?: string;
      };
    };
    oncall?: {
      /**
       * Opsgenie as an on-call provider for `opsgenie.com/team` (the team's name). Without this
       * block the provider is off; when `jsm` is configured too, JSM answers instead. Opsgenie's
       * REST API ends on 2027-04-05.
       */
      opsgenie?: {
        /** API base URL with any path prefix. Default https://api.opsgenie.com (EU: https://api.eu.opsgenie.com). */
        baseUrl?: string;
        /**
         * An API integration key, or `email:api-token` with authScheme Basic.
         * @visibility secret
         */
        token: string;
        /** `GenieKey` (default) or `Basic`. */
        authScheme?: 'GenieKey' | 'Basic';
        /** How long an answer is used; it is also refreshed at the next hand-off. Default 5 minutes. */
        cacheTtl?: HumanDuration | string;
      };
      /**
       * Jira Service Management Operations as an on-call provider (`jsm`) for
       * `opsgenie.com/team` (the JSM team's name, or its id). Without this block the provider is
       * off; with it, it takes precedence over `opsgenie` for that annotation.
       */
      jsm?: {
        /**
         * The site's cloud id: `https://<site>.atlassian.net/_edge/tenant_info` answers
         * `{"cloudId": "…"}`.
         */
        cloudId: string;
        /** The Atlassian account whose API token is used (a JSM agent in the teams shown). */
        email: string;
        /**
         * An API token of that account (https://id.atlassian.com/manage-profile/security/api-tokens).
         * @visibility secret
         */
        apiToken: string;
        /** Default https://api.atlassian.com; the operations API is `{baseUrl}/jsm/ops/api/{cloudId}/v1`. */
        baseUrl?: string;
        /**
         * The Jira site, e.g. `https://acme.atlassian.net`. On-call people are Atlassian account
         * ids; with the site OpsDeck names them (and reads their e-mail, which links them to
         * catalog Users) through Jira's user API, with the same e-mail and token. Without it
         * people are shown by account id.
         */
        siteUrl?: string;
        /** How long an answer is used; it is also refreshed at the next hand-off. Default 5 minutes. */
        cacheTtl?: HumanDuration | string;
      };
    };
  };
}
