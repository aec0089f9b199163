import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration for the OpsDeck backend plugin. */
  opsdeck?: {
    /** How DORA metrics are computed; see the README for the definitions. */
    dora?: {
      /** Case-insensitive globs over the whole environment name. Default: production, prod. */
      productionEnvironments?: string[];
      /** How long after a deployment an incident is blamed on it (inclusive). Default 24 hours. */
      attributionWindow?: HumanDuration | string;
      /**
       * Two different sources reporting the same rollout — same Component, environment and
       * deployed SHA, finishing within this long of each other — count as one deployment (e.g.
       * GitHub and Argo CD both reporting a release). Default 1 hour; 0 merges exact finishes only.
       */
      sameRolloutWindow?: HumanDuration | string;
      /** Tiers: dora-2023 (default), dora-2021, none (numbers only) or custom. */
      benchmark?: 'dora-2023' | 'dora-2021' | 'none' | 'custom';
      /**
       * Thresholds of the custom set, strictest first: deploymentFrequency in deployments per
       * day (at least), changeLeadTime / recoveryTime / mttr in hours (below), changeFailRate in
       * percent (at most). A metric left out is not benchmarked.
       */
      customThresholds?: {
        [metric in
          | 'deploymentFrequency'
          | 'changeLeadTime'
          | 'changeFailRate'
          | 'recoveryTime'
          | 'mttr']?: { elite: number; high: number; medium: number };
      };
      /** Which incidents count. */
      incidents?: {
        /** Least severe that counts: P1–P5, sev1–sev5, critical/high/medium/low/info. Default all. */
        minSeverity?: string;
        /** Globs; incidents reported for another environment do not count. Default all. */
        environments?: string[];
        /** Whether Opsgenie/JSM alerts count as incidents. Default false. */
        includeAlerts?: boolean;
      };
    };
    /** The onboarding path: quests, progress kept per user in OpsDeck's database. */
    onboarding?: {
      /**
       * Quests, in order: topics a new hire learns here (the platform domains and who to ask, how a
       * change reaches production, infrastructure as code, …). Each has an `id` (default: the
       * title in kebab case), `title`, a one-line `summary`, the page that teaches it — `docs`:
       * `entityRef` of an entity with TechDocs (a platform domain's System) and an optional page
       * `path` —, its platform `domain` and its `steps` (as in `checklist`, plus `auto`: a check
       * that ticks the step from real data — `first-production-change` (a change whose
       * `authorEmail` is the reader's) or `first-oncall-shift` (any level, shadows count) — and
       * `mine`: a link resolved per reader from their teams' services — `service`, `pipeline`,
       * `dashboards`, `runbook`, `oncall`, `golden-paths` or `error-budgets`). Step ids are unique
       * across quests.
       * A bad entry stops the backend with a message naming it.
       */
      quests?: Array<{
        id?: string;
        title: string;
        summary?: string;
        docs?: { entityRef: string; path?: string };
        domain?: string;
        steps?: Array<{
          id?: string;
          title: string;
          description?: string;
          links?: Array<{ title?: string; url: string }>;
          domain?: string;
          auto?: 'first-production-change' | 'first-oncall-shift';
          mine?:
            | 'service'
            | 'pipeline'
            | 'dashboards'
            | 'runbook'
            | 'oncall'
            | 'golden-paths'
            | 'error-budgets';
        }>;
      }>;
      /**
       * The former checklist: read as one more quest, "Your first week" (id `first-week`), so
       * stored ticks stay. The steps, in order: `id` (default: the title in kebab case; keep it
       * stable, progress is stored under it), `title`, `description`, `links` (http(s) only) and
       * the platform `domain` the step belongs to.
       */
      checklist?: Array<{
        id?: string;
        title: string;
        description?: string;
        links?: Array<{ title?: string; url: string }>;
        domain?: string;
      }>;
    };
    /**
     * Notifications through Backstage's notifications plugin (`@backstage/plugin-notifications-backend`
     * installed): a new access request notifies its approving team, a decision notifies the
     * requester (topic "OpsDeck access requests").
     */
    notifications?: {
      /** Default true; without the notifications backend nothing is sent (a warning is logged). */
      enabled?: boolean;
      /** Where the platform page is in the app: the notifications' link. Default `/platform`. */
      platformPath?: string;
    };
    /** Webhook deliveries from providers (the sources come from backend modules). */
    webhooks?: {
      /**
       * Also read deliveries that Backstage's events system publishes — e.g. the topics
       * `github.deployment_status`, `github.push`, `gitlab.deployment` and `gitlab.push` from
       * `@backstage/plugin-events-backend-module-github` / `-gitlab` — so a hook that already
       * points at `/api/events/http/github` serves OpsDeck too. Default true.
       */
      subscribeToEvents?: boolean;
    };
    /** Raw deliveries (webhooks and POST /events) as received, for debugging a hook. */
    retention?: {
      /**
       * How long raw deliveries are kept; their normalised events stay. Pending ones are never
       * purged. Default 30 days.
       */
      rawDeliveries?: HumanDuration | string;
    };
    /** Backfill from providers' APIs (`POST /admin/backfill`). */
    backfill?: {
      /**
       * How long a replica holds a backfill target without renewing it; after that, another
       * replica (or this one, restarted) takes the target over and imports it again. Default
       * 60 seconds.
       */
      lease?: HumanDuration | string;
    };
    /** How events are mapped to catalog entities. */
    mapping?: {
      /**
       * How often the annotation → entity index and the team/organisation memberships are
       * rebuilt from the catalog; events for a service that joins the catalog are attributed,
       * and a change of ownership reaches team rollups, within one interval. Default 5 minutes.
       */
      refreshInterval?: HumanDuration | string;
    };
    /**
     * On-call providers (modules such as pagerduty and opsgenie add their own keys here).
     * Answers are kept in Backstage's cache service; a provider that is down is answered with
     * its last-known answer (kept 7 days) marked stale.
     */
    oncall?: {
      [provider: string]: {
        /**
         * How long a provider's answer is used before asking again; it is also refreshed at the
         * next hand-off the answer reports. Default 5 minutes.
         */
        cacheTtl?: HumanDuration | string;
      };
    };
    /**
     * SLOs and error budgets. A Component names its OpenSLO v1 files in `opsdeck.io/openslo`;
     * each SLI's `metricSource.type` picks the SLI provider (Prometheus is built in; modules add
     * others) and `metricSourceRef` the instance.
     */
    slo?: {
      providers?: {
        /**
         * Prometheus-compatible HTTP APIs (Prometheus, Mimir, Thanos, VictoriaMetrics). The first
         * is the default; an SLI names another with `metricSourceRef: <name>`.
         */
        prometheus?: Array<{
          /** Unique name, as `metricSourceRef` uses it. */
          name: string;
          /** e.g. `http://prometheus:9090` or Mimir's `https://mimir.example.com/prometheus`. */
          baseUrl: string;
          /** Credentials sent with every query; leave out for an endpoint without auth. */
          auth?: {
            /** @visibility secret */
            bearer?: string;
            basic?: {
              username: string;
              /** @visibility secret */
              password: string;
            };
          };
        }>;
      };
      /**
       * How long an SLO answer is used before Prometheus is asked again; while it does not
       * answer, the last known answer is shown marked stale. Default 1 minute.
       */
      cacheTtl?: HumanDuration | string;
      /**
       * The multi-window burn-rate rules (lookbacks: 5m, 30m, 1h, 6h, 1d, 3d). Default, from
       * the Google SRE Workbook ch. 5: page at 14.4 over 1h and 5m or 6 over 6h and 30m;
       * ticket at 1 over 3d and 6h.
       */
      burnRates?: {
        page?: Array<{ long: string; short: string; factor: number }>;
        ticket?: Array<{ long: string; short: string; factor: number }>;
      };
      /** The error-budget policy the CI gate (`GET /entities/…/slo/gate`) applies. */
      policy?: {
        /**
         * The gate answers `wait` when an objective's remaining budget share is at or below
         * this. Default 0: only an exhausted budget holds a deployment back.
         */
        waitAtOrBelow?: number;
        /**
         * Whether an `unknown` answer (no SLO, no data, provider down) lets the pipeline go:
         * `go` (default, fail-open) or `wait` (fail-closed).
         */
        onUnknown?: 'go' | 'wait';
      };
      /**
       * The burn rate over the hour after a production deployment that lists it as "followed
       * by a budget burn" in the Delivery tab. Default 2.
       */
      burnAfterDeployment?: number;
    };
  };
}
