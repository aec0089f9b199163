export interface Config {
  opsdeck?: {
    webhooks?: {
      /** GitHub webhooks (POST /api/opsdeck/webhooks/github). */
      github?: {
        /**
         * Webhook secrets; a delivery signed (X-Hub-Signature-256) with any of them is accepted.
         * List two while rotating.
         * @visibility secret
         */
        secrets?: string[];
      };
    };
  };
}
