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
  };
}
