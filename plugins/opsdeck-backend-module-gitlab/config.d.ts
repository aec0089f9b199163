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
         * Deprecated: backfill reads `integrations.gitlab` like the rest of Backstage. Still
         * used, with a warning: a token with read_api.
         * @visibility secret
         */
        token?: string;
        /** With `token` only: GitLab's base URL. Default https://gitlab.com. */
        apiBaseUrl?: string;
        /** The `integrations.gitlab` host whose token backfill uses. Default gitlab.com. */
        host?: string;
      };
    };
  };
}
