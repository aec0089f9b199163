/*
 * The OpsDeck demo portal's backend: Backstage's core plugins plus OpsDeck.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
// Admin for the groups in opsdeck.permissionPolicy.adminGroups; read for everyone signed in.
backend.add(import('./permissionPolicy'));

backend.add(import('@backstage/plugin-search-backend'));
// Lunr, answering an empty result (not a 500) for a document type nothing was indexed for yet.
backend.add(import('./searchEngine'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@opsdeck/backstage-plugin-backend'));
// Webhook sources: each needs its secret in opsdeck.webhooks.<source> (Argo CD a token).
backend.add(import('@opsdeck/backstage-plugin-backend-module-github'));
backend.add(import('@opsdeck/backstage-plugin-backend-module-gitlab'));
backend.add(import('@opsdeck/backstage-plugin-backend-module-argocd'));
backend.add(import('@opsdeck/backstage-plugin-backend-module-pagerduty'));
backend.add(import('@opsdeck/backstage-plugin-backend-module-opsgenie'));
// golden paths publish offline: opsdeck:publish:workspace
backend.add(import('@opsdeck/backstage-plugin-backend-module-scaffolder'));
// Demo only (opsdeck.demo.*): 180 days of history through POST /events, a PagerDuty stand-in,
// live request counters for the demo's Prometheus, and file locations for golden paths
// published offline.
backend.add(import('./demo/demoHistoryPlugin'));
backend.add(import('./demo/demoMetricsModule'));
backend.add(import('./demo/fileLocationsModule'));

backend.start();
