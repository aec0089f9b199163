export interface Config {
  opsdeck?: {
    /** Demo-only features of the portal backend. */
    demo?: {
      /**
       * When true, 180 days of deterministic DORA history for the demo services are sent through
       * POST /api/opsdeck/events at start (anchored to the first start's UTC date).
       */
      history?: { enabled?: boolean };
      /**
       * When set, a stand-in for PagerDuty's REST API v2 answers at
       * `/api/opsdeck-demo/pagerduty` for the demo's service ids, expecting this API key; point
       * `opsdeck.oncall.pagerduty.baseUrl` at it. Demo only: production talks to PagerDuty.
       * @visibility secret
       */
      pagerduty?: { token?: string };
      /**
       * When true, the demo services' live request counters are served, unauthenticated, at
       * `/api/opsdeck-demo/metrics` for the demo's own Prometheus to scrape. Demo only: the
       * traffic is made up.
       */
      metrics?: { enabled?: boolean };
      /**
       * When true, the catalog accepts `file` locations through its API (golden paths published
       * offline by `opsdeck:publish:workspace`). Demo only: it lets the catalog read paths on
       * the backend host.
       */
      allowFileLocations?: boolean;
    };
    /** The demo portal's permission policy (packages/backend/src/permissionPolicy.ts). */
    permissionPolicy?: {
      /**
       * Groups whose members hold `opsdeck.admin`, as entity refs (e.g. `group:default/platform`).
       * Empty or absent: nobody is an OpsDeck admin. Everything else is allowed to anyone signed in.
       */
      adminGroups?: string[];
    };
  };
}
