import { parseEntityRef } from '@backstage/catalog-model';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  OpsDeckOnCallProvider,
  OpsDeckSliProvider,
  OpsDeckWebhookSource,
  opsdeckOnCallProvidersExtensionPoint,
  opsdeckSliProvidersExtensionPoint,
  opsdeckWebhookSourcesExtensionPoint,
} from '@opsdeck/backstage-plugin-node';
import {
  createEnvironmentMatcher,
  opsdeckPermissions,
  parseOnboardingQuests,
} from '@opsdeck/backstage-plugin-common';
import { CoverageService } from './coverage/CoverageService';
import { ScopeServicesService } from './scopes/ScopeServicesService';
import { OnboardingService } from './onboarding/OnboardingService';
import { OnboardingAutoChecks } from './onboarding/autoChecks';
import { AccessRequestService } from './access/AccessRequestService';
import { AccessRequestNotifier } from './access/accessNotifications';
import { DatabaseAccessRequestStore } from './store/DatabaseAccessRequestStore';
import { DatabaseOnboardingStore } from './store/DatabaseOnboardingStore';
import { createRouter } from './router';
import { filterInternalErrors } from './errorFilter';
import Router from 'express-promise-router';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { createIngestRouter } from './ingest/createIngestRouter';
import { EntityIndexService } from './mapping/EntityIndexService';
import { annotationKeys } from './mapping/annotationKeys';
import { readDoraConfig } from './dora/doraConfig';
import { DoraService } from './dora/DoraService';
import { ProvenanceService } from './dora/ProvenanceService';
import { DatabaseEntityIndexStore } from './store/DatabaseEntityIndexStore';
import { IngestService } from './ingest/IngestService';
import { openOpsDeckDatabase } from './store/database';
import { DatabaseEventStore } from './store/DatabaseEventStore';
import { DatabaseOpsDeckStore } from './store/DatabaseOpsDeckStore';
import { DatabaseProvenanceStore } from './store/DatabaseProvenanceStore';
import { Projection } from './derive/Projection';
import { RollupTotals } from './dora/RollupTotals';
import { RollupAnswers } from './dora/RollupAnswers';
import { ScopeDoraService } from './dora/ScopeDoraService';
import { AdminService } from './admin/AdminService';
import { WebhookService } from './webhooks/WebhookService';
import { BackfillService } from './webhooks/BackfillService';
import { withConnectionRetries } from './catalog/connectionRetries';
import { CallerEntityReader } from './catalog/readEntity';
import { DatabaseBackfillStore } from './store/DatabaseBackfillStore';
import { OnCallService } from './oncall/OnCallService';
import { ProviderAnswerCache } from './oncall/ProviderAnswerCache';
import { ProviderOnCall } from './oncall/ProviderOnCall';
import { readOnCallCacheTtl } from './oncall/config';
import { OwnershipService } from './oncall/OwnershipService';
import { createWebhookRouter } from './webhooks/createWebhookRouter';
import { subscribeToWebhookTopics } from './webhooks/eventsTopics';
import { readRetention } from './webhooks/retention';
import { OpsDeckMetrics } from './metrics/OpsDeckMetrics';
import { ReadsFirst } from './readsFirst';
import { readSloConfig } from './slo/sloConfig';
import { PrometheusSliProvider } from './slo/PrometheusSliProvider';
import { OpenSloReader } from './slo/OpenSloReader';
import { SloService } from './slo/SloService';
import { SloHistoryService } from './slo/SloHistoryService';
import { registerActions } from './actions/registerActions';

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

  values(): T[] {
    return [...this.items.values()];
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
    const sliProviders = new Registry<OpsDeckSliProvider>('SLI provider');
    env.registerExtensionPoint(opsdeckSliProvidersExtensionPoint, {
      addSliProvider: (...providers) => sliProviders.add(...providers),
    });

    env.registerInit({
      deps: {
        database: coreServices.database,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        cache: coreServices.cache,
        urlReader: coreServices.urlReader,
        metricsService: metricsServiceRef,
        eventsService: eventsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        metricsService,
        eventsService,
        notifications,
        actionsRegistry,
        cache,
        database,
        config,
        logger,
        auth,
        scheduler,
        lifecycle,
        auditor,
        permissions,
        httpAuth,
        httpRouter,
        permissionsRegistry,
        catalog: catalogService,
        urlReader,
      }) {
        // Catalog reads survive a pooled connection the catalog closed just as it was used.
        const catalog = withConnectionRetries(catalogService);
        permissionsRegistry.addPermissions(opsdeckPermissions);
        const db = await openOpsDeckDatabase(database);
        const store = new DatabaseOpsDeckStore(db);
        const { rules, benchmark, rulesHash } = readDoraConfig(config);
        const events = DatabaseEventStore.of(db, rules);
        const indexStore = new DatabaseEntityIndexStore(db);
        // The one owner of derived data: facts, day rollups, group/org rollups.
        const metrics = new OpsDeckMetrics(metricsService);
        const { projection, factsStore, rollupStore } = Projection.on(db, {
          rules,
          rulesHash,
          logger,
          onPass: seconds => metrics.derivationPass(seconds),
        });
        metrics.observe({
          derivation: () => projection.lag(),
          deliveries: () => store.deliveryCounts(),
        });
        await projection.schedule(scheduler);
        lifecycle.addShutdownHook(() => projection.stop());

        // The annotation keys OpsDeck reads: its own and those installed modules declare.
        const keys = annotationKeys({
          oncallProviders: oncallProviders.values(),
          webhookSources: webhookSources.values(),
        });
        const entityIndex = new EntityIndexService({
          catalog,
          auth,
          store: indexStore,
          projection,
          logger,
          annotations: keys.mapped,
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
        const webhooks = new WebhookService({
          sources: webhookSources.values(),
          deliveries: store,
          events,
          logger,
        });
        const afterIngest = () => projection.afterIngest();
        // Webhook deliveries are normalised right after they are acknowledged; this sweep
        // finishes anything a crash, a restart or a database fault left pending.
        const sweepWebhooks = async () => {
          if (await webhooks.sweep()) afterIngest();
        };
        await scheduler.scheduleTask({
          id: 'opsdeck-webhooks-sweep',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 2 },
          fn: sweepWebhooks,
        });
        // Also once per process at start, outside the scheduler: a replica killed during a
        // sweep holds the task's lock until its timeout, and what it left pending should not
        // wait that long. Safe alongside other runners: each delivery is claimed once.
        lifecycle.addStartupHook(() => {
          sweepWebhooks()
            .catch(error =>
              logger.warn(
                `OpsDeck could not finish pending deliveries: ${error}`,
              ),
            )
            .finally(afterIngest);
        });
        if (
          config.getOptionalBoolean('opsdeck.webhooks.subscribeToEvents') !==
          false
        ) {
          await subscribeToWebhookTopics({
            events: eventsService,
            webhooks,
            sources: webhookSources.values(),
            auditor,
            logger,
            onIngested: afterIngest,
          });
        }
        const retention = readRetention(config);
        await scheduler.scheduleTask({
          id: 'opsdeck-raw-deliveries-purge',
          frequency: { hours: 6 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const purged = await store.purgeDeliveries(Date.now() - retention);
            if (purged) logger.info(`OpsDeck purged ${purged} raw deliveries`);
          },
        });
        // Entities read as the caller, shared by the routes for 2 s per caller and entity: a
        // service page's cards (ownership, on-call, DORA, SLOs, coverage) read it once.
        const entities = new CallerEntityReader(catalog);
        const oncall = new OnCallService({
          catalog,
          entities,
          annotations: keys.oncall,
          providers: new ProviderOnCall({
            providers: () => oncallProviders.values(),
            cache: new ProviderAnswerCache({ cache }),
            ttlMsOf: providerId => readOnCallCacheTtl(config, providerId),
            onProviderError: providerId => metrics.providerError(providerId),
          }),
        });
        const backfill = new BackfillService({
          sources: webhookSources.values(),
          index: indexStore,
          events,
          store: new DatabaseBackfillStore(db),
          leaseMs: config.has('opsdeck.backfill.lease')
            ? durationToMilliseconds(
                readDurationFromConfig(config, {
                  key: 'opsdeck.backfill.lease',
                }),
              )
            : undefined,
          permissions,
          logger,
          onIngested: afterIngest,
        });
        lifecycle.addShutdownHook(() => backfill.stop());
        // Runs outlive the replica that started them: each replica takes targets nobody holds.
        await scheduler.scheduleTask({
          id: 'opsdeck-backfill-resume',
          scope: 'local',
          frequency: { seconds: 30 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            void backfill.resume();
          },
        });
        const sloConfig = readSloConfig(config);
        // Prometheus is built in; modules may add other SLI providers (or replace nothing: ids
        // are unique, so a module cannot take `prometheus` over).
        sliProviders.add(new PrometheusSliProvider(sloConfig.prometheus));
        const sloCache = new ProviderAnswerCache({ cache });
        const slo = new SloService({
          catalog,
          entities,
          reader: new OpenSloReader({ urlReader }),
          providers: () => sliProviders.values(),
          cache: sloCache,
          config: sloConfig,
        });
        const routes = Router();
        routes.use(['/events', '/webhooks'], metrics.ingestRequests());
        // Mounted first: they read raw bodies, which the OpenAPI router would parse as JSON.
        routes.use(
          createIngestRouter({
            httpAuth,
            permissions,
            auditor,
            ingest: new IngestService(events),
            onIngested: afterIngest,
          }),
        );
        routes.use(
          createWebhookRouter({
            httpAuth,
            permissions,
            auditor,
            webhooks,
            onIngested: afterIngest,
          }),
        );
        // DORA answers from rollups, remembered until the rollups change (on any replica).
        const rollupAnswers = new RollupAnswers({
          rollups: new RollupTotals({ store: rollupStore }),
          benchmark,
        });
        const dora = new DoraService({
          catalog,
          entities,
          facts: factsStore,
          answers: rollupAnswers,
          index: indexStore,
          derivation: projection,
          benchmark,
        });
        const ownership = new OwnershipService({ catalog, entities, oncall });
        // The same answers for AI assistants and tools, in Backstage's actions registry.
        registerActions(actionsRegistry, { ownership, oncall, dora, slo });
        const coverage = new CoverageService({
          catalog,
          entities,
          facts: factsStore,
          annotations: keys,
        });
        // Everything below the ingest routes is a read (or a small admin write): reads first.
        routes.use(ReadsFirst.process.countReads());
        routes.use(
          await createRouter({
            httpAuth,
            store,
            coverage,
            dora,
            scopeServices: new ScopeServicesService({
              catalog,
              dora,
              coverage,
            }),
            access: new AccessRequestService({
              store: new DatabaseAccessRequestStore(db),
              catalog,
              auth,
              permissions,
              configuredOwners: new Map(
                (
                  config.getOptionalConfigArray('opsdeck.platform.domains') ??
                  []
                )
                  .filter(d => d.has('owner'))
                  .map(d => [d.getString('id'), d.getString('owner')]),
              ),
              notifier: AccessRequestNotifier.fromConfig(config, {
                notifications,
                logger,
              }),
            }),
            onboarding: new OnboardingService({
              store: new DatabaseOnboardingStore(db),
              quests: parseOnboardingQuests({
                quests: config.getOptional('opsdeck.onboarding.quests'),
                checklist: config.getOptional('opsdeck.onboarding.checklist'),
              }),
              autoChecks: new OnboardingAutoChecks({
                catalog,
                events,
                shifts: (ref, query) =>
                  oncall.getShifts(parseEntityRef(ref), query),
                productionEnvironments: rules.productionEnvironments,
              }),
            }),
            provenance: new ProvenanceService({
              catalog,
              entities,
              store: DatabaseProvenanceStore.of(db),
              derivation: projection,
            }),
            scopes: new ScopeDoraService({
              catalog,
              entities,
              permissions,
              answers: rollupAnswers,
              derivation: projection,
            }),
            admin: new AdminService({
              permissions,
              events,
              projection,
              deliveries: store,
              index: indexStore,
            }),
            backfill,
            oncall,
            ownership,
            auditor,
            permissions,
            slo,
            sloHistory: new SloHistoryService({
              slo,
              provenance: DatabaseProvenanceStore.of(db),
              cache: sloCache,
              cacheTtlMs: sloConfig.cacheTtlMs,
              isProduction: createEnvironmentMatcher(
                rules.productionEnvironments,
              ),
              burnAfterDeployment: sloConfig.burnAfterDeployment,
            }),
            installed: () => ({
              webhookSources: webhookSources.ids(),
              oncallProviders: oncallProviders.ids(),
              sliProviders: sliProviders.ids(),
            }),
          }),
        );
        // Last: whatever the routes above throw, answers carry no SQL, stack or path.
        routes.use(filterInternalErrors(logger));
        httpRouter.use(routes);
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // Providers cannot send Backstage tokens: each source checks its own signature
        // (Argo CD's source asks for a Backstage token itself).
        httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
