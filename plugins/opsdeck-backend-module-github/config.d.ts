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
         * Deprecated: backfill reads `integrations.github` (a token, or GitHub Apps) like the
         * rest of Backstage. Still used, with a warning: a token that can read deployments and
         * contents.
         * @visibility secret
         */
        token?: string;
        /** With `token` only: the REST API base URL. Default https://api.github.com. */
        apiBaseUrl?: string;
        /**
         * The `integrations.github` host whose credentials backfill uses (a token, or a GitHub
         * App's installation token per repository). Default github.com.
         */
        host?: string;
      };
    };
  };
}
