export interface Config {
  /** OpsDeck settings the browser reads. */
  opsdeck?: {
    /**
     * Where the OpsDeck README lives; the DORA card links "what to send where" into its
     * sections. Default: the project's README on GitHub.
     * @visibility frontend
     */
    docsUrl?: string;
    /** The platform links card. */
    links?: {
      /**
       * Turn an annotation (or the entity's name) into a link, e.g. an Argo CD, Grafana or cloud
       * console URL. `url` must start with a literal `https://` or `http://`; placeholders
       * `{{annotation:<key>}}`, `{{entity.name}}` and `{{entity.namespace}}` are replaced by
       * URL-encoded values. A template shows only on entities that carry its `when` annotation.
       * @visibility frontend
       */
      templates?: Array<{
        /** What the link says. @visibility frontend */
        title: string;
        /** URL with placeholders. @visibility frontend */
        url: string;
        /**
         * Card group: cicd, observability, runtime (cloud & runtime), docs, chat or other.
         * @visibility frontend
         */
        group: 'cicd' | 'observability' | 'runtime' | 'docs' | 'chat' | 'other';
        /**
         * Icon: github, gitlab, jenkins, circleci, argocd, kubernetes, grafana, datadog,
         * prometheus, sentry, newrelic, aws, techdocs, chat or link. Default: the icon of the
         * tool the `when` annotation belongs to.
         * @visibility frontend
         */
        icon?: string;
        /** The annotation an entity must carry for the link to show. @visibility frontend */
        when: string;
      }>;
    };
    /** The platform (DevOps) team's domains. */
    platform?: {
      /**
       * The domains, in display order; titles and descriptions override OpsDeck's defaults.
       * Default: network, delivery, orchestration, observability, cloud, security, data,
       * operations.
       * @visibility frontend
       */
      domains?: Array<{
        /** The `opsdeck.io/platform-domain` value. @visibility frontend */
        id: string;
        /** Section title. @visibility frontend */
        title?: string;
        /** One sentence: what it covers. @visibility frontend */
        description?: string;
        /**
         * Icon: a domain id (network, delivery, orchestration, observability, cloud, security,
         * data, operations) whose icon to use. Default: the domain's own.
         * @visibility frontend
         */
        icon?: string;
        /**
         * The Group that owns the domain: it decides the domain's access requests and is shown
         * as its team. Default: the owner of the domain's home System (the one System annotated
         * `opsdeck.io/platform-domain` with this domain). Read by the backend too.
         * @visibility frontend
         */
        owner?: string;
      }>;
    };
    /** How the DORA card explains weak or worsening metrics. */
    dora?: {
      /**
       * Per metric (deploymentFrequency, changeLeadTime, changeFailRate, recoveryTime,
       * reworkRate, mttr): what it usually means, what tends to help, and the platform domains
       * to link to. Each field overrides OpsDeck's default text.
       * @visibility frontend
       */
      guidance?: {
        [metric: string]: {
          /** What a weak value commonly signals. @visibility frontend */
          meaning?: string;
          /** What tends to help. @visibility frontend */
          helps?: string;
          /** Platform domain ids whose owners and golden paths help. @visibility frontend */
          domains?: string[];
        };
      };
    };
  };
}
