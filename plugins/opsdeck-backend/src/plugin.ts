import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  OpsDeckOnCallProvider,
  OpsDeckWebhookSource,
  opsdeckOnCallProvidersExtensionPoint,
  opsdeckWebhookSourcesExtensionPoint,
} from '@opsdeck/backstage-plugin-node';
import { opsdeckPermissions } from '@opsdeck/backstage-plugin-common';
import { CoverageService } from './coverage/CoverageService';
import { createRouter } from './router';
import { readDurationFromConfig } from '@backstage/config';
import { createIngestRouter } from './ingest/createIngestRouter';
import { EntityIndexService } from './mapping/EntityIndexService';
import { DatabaseEntityIndexStore } from './store/DatabaseEntityIndexStore';
import { IngestService } from './ingest/IngestService';
import { openOpsDeckDatabase } from './store/database';
import { DatabaseEventStore } from './store/DatabaseEventStore';
import { DatabaseOpsDeckStore } from './store/DatabaseOpsDeckStore';

/** Collects what modules add through an extension point; ids must be unique. */
class Registry<T extends { id: string }> {
  private readonly items = new Map<string, T>();

  constructor(private readonly what: string) {}

  add(...items: T[]) {
    for (const item of items) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(item.id)) {
        throw new Error(`Invalid OpsDeck ${this.what} id '${item.id}'`);
      }
      if (this.items.has(item.id)) {
        throw new Error(`OpsDeck ${this.what} '${item.id}' was added twice`);
      }
      this.items.set(item.id, item);
    }
  }

  ids(): string[] {
    return [...this.items.keys()].sort();
  }
}

/**
 * The OpsDeck backend plugin: ownership, on-call, DORA and coverage for catalog entities.
 *
 * @public
 */
export const opsdeckPlugin = createBackendPlugin({
  pluginId: 'opsdeck',
  register(env) {
    const webhookSources = new Registry<OpsDeckWebhookSource>('webhook source');
    const oncallProviders = new Registry<OpsDeckOnCallProvider>(
      'on-call provider',
    );
    env.registerExtensionPoint(opsdeckWebhookSourcesExtensionPoint, {
      addWebhookSource: (...sources) => webhookSources.add(...sources),
    });
    env.registerExtensionPoint(opsdeckOnCallProvidersExtensionPoint, {
      addOnCallProvider: (...providers) => oncallProviders.add(...providers),
    });

    env.registerInit({
      deps: {
        database: coreServices.database,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init({
        database,
        config,
        logger,
        auth,
        scheduler,
        auditor,
        permissions,
        httpAuth,
        httpRouter,
        permissionsRegistry,
        catalog,
      }) {
        permissionsRegistry.addPermissions(opsdeckPermissions);
        const db = await openOpsDeckDatabase(database);
        const store = new DatabaseOpsDeckStore(db);
        const events = new DatabaseEventStore(db);

        const entityIndex = new EntityIndexService({
          catalog,
          auth,
          store: new DatabaseEntityIndexStore(db),
          logger,
        });
        const refreshKey = 'opsdeck.mapping.refreshInterval';
        await scheduler.scheduleTask({
          id: 'opsdeck-entity-index-refresh',
          frequency: config.has(refreshKey)
            ? readDurationFromConfig(config, { key: refreshKey })
            : { minutes: 5 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            await entityIndex.refresh();
          },
        });
        // Mounted first: it reads raw bodies, which the OpenAPI router would parse as JSON.
        httpRouter.use(
          createIngestRouter({
            httpAuth,
            permissions,
            auditor,
            ingest: new IngestService(events),
          }),
        );
        httpRouter.use(
          await createRouter({
            httpAuth,
            store,
            coverage: new CoverageService(catalog),
            installed: () => ({
              webhookSources: webhookSources.ids(),
              oncallProviders: oncallProviders.ids(),
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
