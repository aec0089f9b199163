import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  HealthResponse,
  opsdeckSloGateReadPermission,
} from '@opsdeck/backstage-plugin-common';
import express from 'express';
import { CoverageService } from './coverage/CoverageService';
import { AdminService } from './admin/AdminService';
import { BackfillService } from './webhooks/BackfillService';
import { OnCallService } from './oncall/OnCallService';
import { OwnershipService } from './oncall/OwnershipService';
import { parseShiftsRef, parseShiftsWindow } from './oncall/shiftsQuery';
import { DoraService } from './dora/DoraService';
import { ScopeDoraService } from './dora/ScopeDoraService';
import { ProvenanceService } from './dora/ProvenanceService';
import { ScopeServicesService } from './scopes/ScopeServicesService';
import { ScopeQuery } from './catalog/scopeComponents';
import { OnboardingService } from './onboarding/OnboardingService';
import { AccessRequestService } from './access/AccessRequestService';
import { createOpenApiRouter } from './schema/openapi/generated/router';
import { addAdminRoutes } from './admin/adminRoutes';
import { auditedWrite } from './auditedWrite';
import { uncompressedSmallAnswers } from './smallAnswers';
import { DatabaseOpsDeckStore } from './store/DatabaseOpsDeckStore';
import { SloService } from './slo/SloService';
import { SloHistoryService } from './slo/SloHistoryService';
import { authorizeOrThrow } from './permissions/authorize';

/**
 * What the router needs; plugin.ts builds it.
 *
 * @internal
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  store: DatabaseOpsDeckStore;
  coverage: CoverageService;
  dora: DoraService;
  provenance: ProvenanceService;
  scopes: ScopeDoraService;
  scopeServices: ScopeServicesService;
  onboarding: OnboardingService;
  access: AccessRequestService;
  admin: AdminService;
  backfill: BackfillService;
  oncall: OnCallService;
  ownership: OwnershipService;
  auditor: AuditorService;
  permissions: PermissionsService;
  slo: SloService;
  sloHistory: SloHistoryService;
  installed: () => {
    webhookSources: string[];
    oncallProviders: string[];
    sliProviders: string[];
  };
}

/**
 * Translates HTTP to service calls; every route is described in schema/openapi.yaml.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    store,
    coverage,
    dora,
    provenance,
    scopes,
    scopeServices,
    onboarding,
    access,
    admin,
    backfill,
    oncall,
    ownership,
    auditor,
    permissions,
    slo,
    sloHistory,
    installed,
  } = options;
  const router = await createOpenApiRouter();
  router.use(uncompressedSmallAnswers());
  const audited = auditedWrite(auditor);

  router.get('/health', async (_req, res) => {
    try {
      await store.ping();
    } catch (error) {
      res.setHeader('Retry-After', '5');
      throw new ServiceUnavailableError(
        'The OpsDeck database does not answer',
        error,
      );
    }
    const body: HealthResponse = { status: 'ok', ...installed() };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/coverage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    res.json(
      await coverage.getEntityCoverage(
        { kind, namespace, name },
        { credentials },
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/ownership', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    res.json(
      await ownership.getOwnership({ kind, namespace, name }, { credentials }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/oncall', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    res.json(
      await oncall.getOnCall({ kind, namespace, name }, { credentials }),
    );
  });

  router.get('/oncall/shifts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef, from, to } = req.query;
    res.json(
      await oncall.getShifts(parseShiftsRef(entityRef), {
        credentials,
        ...parseShiftsWindow(from, to),
      }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/dora', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    const { from, to } = req.query as { from?: string; to?: string };
    res.json(
      await dora.getEntityDora(
        { kind, namespace, name },
        { from, to, credentials },
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/slo', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    const answer = await slo.getEntitySlo(
      { kind, namespace, name },
      { credentials },
    );
    res.json(answer);
  });

  // A pipeline asks before it deploys; every call is audited, whatever the answer.
  router.get('/entities/:kind/:namespace/:name/slo/gate', async (req, res) => {
    const { kind, namespace, name } = req.params;
    const audit = await auditor.createEvent({
      eventId: 'slo-gate',
      severityLevel: 'low',
      request: req,
      meta: { entityRef: `${kind}:${namespace}/${name}` },
    });
    try {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      await authorizeOrThrow(
        permissions,
        opsdeckSloGateReadPermission,
        credentials,
        'read the error-budget gate',
      );
      const gate = await slo.getGate(
        { kind, namespace, name },
        { credentials },
      );
      await audit.success({
        meta: { decision: gate.decision, proceed: gate.proceed },
      });
      res.json(gate);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get(
    '/entities/:kind/:namespace/:name/slo/history',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { kind, namespace, name } = req.params;
      const query = req.query as { slo?: string; objective?: string };
      res.json(
        await sloHistory.getHistory(
          { kind, namespace, name },
          { credentials, slo: query.slo, objective: query.objective },
        ),
      );
    },
  );

  router.get('/entities/:kind/:namespace/:name/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    const { type, from, to, cursor, limit } = req.query as Record<
      string,
      string | undefined
    >;
    res.json(
      await provenance.list(
        { kind, namespace, name },
        { credentials, type, from, to, cursor, limit },
      ),
    );
  });

  router.get('/groups/:namespace/:name/dora', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { namespace, name } = req.params;
    const { from, to, includeChildren } = req.query as Record<
      string,
      string | undefined
    >;
    res.json(
      await scopes.getGroupDora(
        { namespace, name },
        { from, to, includeChildren: includeChildren === 'true', credentials },
      ),
    );
  });

  router.get('/org/dora', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { from, to } = req.query as Record<string, string | undefined>;
    res.json(await scopes.getOrgDora({ from, to, credentials }));
  });

  // A team's (optionally with its child teams') or the organisation's services: coverage
  // rollup and service table. Entities are read as the caller, so catalog permissions apply.
  const groupScope = (req: express.Request): ScopeQuery => ({
    type: 'group',
    namespace: req.params.namespace,
    name: req.params.name,
    includeChildren: req.query.includeChildren === 'true',
  });
  router.get('/groups/:namespace/:name/coverage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await scopeServices.getCoverage(groupScope(req), credentials));
  });

  router.get('/groups/:namespace/:name/services', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { from, to } = req.query as Record<string, string | undefined>;
    res.json(
      await scopeServices.getServices(groupScope(req), {
        from,
        to,
        credentials,
      }),
    );
  });

  router.get('/groups/:namespace/:name/slo', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await slo.getScopeSlo(groupScope(req), credentials));
  });

  router.get('/org/slo', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await slo.getScopeSlo({ type: 'org' }, credentials));
  });

  router.get('/org/coverage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await scopeServices.getCoverage({ type: 'org' }, credentials));
  });

  router.get('/org/services', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { from, to } = req.query as Record<string, string | undefined>;
    res.json(
      await scopeServices.getServices(
        { type: 'org' },
        { from, to, credentials },
      ),
    );
  });

  // Onboarding progress belongs to the signed-in user only (services have none).
  router.get('/onboarding/progress', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await onboarding.getProgress(credentials));
  });

  router.put('/onboarding/progress', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const audit = await auditor.createEvent({
      eventId: 'onboarding-progress',
      severityLevel: 'low',
      request: req,
      meta: { step: req.body?.step, done: req.body?.done },
    });
    try {
      res.json(await onboarding.setStep(credentials, req.body));
      await audit.success();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  // Access requests to platform domains: any signed-in user asks; the domain's team decides.
  router.get('/access-requests', async (req, res) => {
    // Users only: a request's reason is for its requester and deciders, never a service token.
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json({ items: await access.list(credentials, req.query) });
  });

  router.post('/access-requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const created = await audited(
      req,
      res,
      'access-request-create',
      {
        domain: req.body?.domain,
        resource: req.body?.resource,
      },
      async () => (await access.create(credentials, req.body)) as any,
    );
    res.status(201).json(created);
  });

  router.post('/access-requests/:id/decision', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { id } = req.params;
    res.json(
      await audited(
        req,
        res,
        'access-request-decide',
        {
          id,
          approve: req.body?.approve,
        },
        async () => (await access.decide(credentials, id, req.body)) as any,
      ),
    );
  });

  addAdminRoutes(router, { httpAuth, admin, backfill, audited });

  return router;
}
