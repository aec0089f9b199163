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
         * A read-only REST API key — enables POST /api/opsdeck/admin/backfill for PagerDuty.
         * @visibility secret
         */
        token?: string;
        /** REST API base URL. Default https://api.pagerduty.com; EU: https://api.eu.pagerduty.com. */
        apiBaseUrl?: string;
      };
    };
  };
}
