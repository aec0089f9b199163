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
      };
    };
  };
}
