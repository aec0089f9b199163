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
        /**
         * A token that can read deployments (fine-grained: Deployments read) — enables
         * POST /api/opsdeck/admin/backfill for GitHub.
         * @visibility secret
         */
        token?: string;
        /** REST API base URL. Default https://api.github.com; GitHub Enterprise: https://HOST/api/v3. */
        apiBaseUrl?: string;
      };
    };
  };
}
