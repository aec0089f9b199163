export interface Config {
  opsdeck?: {
    webhooks?: {
      /** GitLab webhooks (POST /api/opsdeck/webhooks/gitlab). */
      gitlab?: {
        /**
         * Secret tokens; a delivery whose X-Gitlab-Token equals any of them is accepted. List two
         * while rotating.
         * @visibility secret
         */
        secrets?: string[];
        /**
         * Standard Webhooks signing secrets (`whsec_…`), for GitLab's signed webhooks. When set,
         * every delivery must also carry a valid `webhook-signature` no older than 5 minutes.
         * @visibility secret
         */
        signingSecrets?: string[];
        /**
         * A token with read_api — enables POST /api/opsdeck/admin/backfill for GitLab.
         * @visibility secret
         */
        token?: string;
        /** GitLab's base URL for the REST API. Default https://gitlab.com. */
        apiBaseUrl?: string;
      };
    };
  };
}
