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
       * Opsgenie or JSM Operations as an on-call provider for `opsgenie.com/team`. Without this
       * block the provider is off.
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
    };
  };
}
