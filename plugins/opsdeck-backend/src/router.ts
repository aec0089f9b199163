import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { HealthResponse } from '@opsdeck/backstage-plugin-common';
import express from 'express';
import { CoverageService } from './coverage/CoverageService';
import { DoraService } from './dora/DoraService';
import { ProvenanceService } from './dora/ProvenanceService';
import { createOpenApiRouter } from './schema/openapi/generated/router';
import { DatabaseOpsDeckStore } from './store/DatabaseOpsDeckStore';

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
  installed: () => { webhookSources: string[]; oncallProviders: string[] };
}

/**
 * Translates HTTP to service calls; every route is described in schema/openapi.yaml.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, coverage, dora, provenance, installed } = options;
  const router = await createOpenApiRouter();

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

  return router;
}
