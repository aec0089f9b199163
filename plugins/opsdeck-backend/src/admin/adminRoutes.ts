import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi/generated/router';
import { AuditedWrite } from '../auditedWrite';
import { BackfillService } from '../webhooks/BackfillService';
import { AdminService } from './AdminService';

/**
 * The `/admin/*` routes: backfill, deliveries, set-aside work, unmapped identities, rebuild,
 * delete. The services
 * check `opsdeck.admin`; writes are audited.
 *
 * @internal
 */
export function addAdminRoutes(
  router: ApiRouter<typeof spec>,
  deps: {
    httpAuth: HttpAuthService;
    admin: AdminService;
    backfill: BackfillService;
    audited: AuditedWrite;
  },
): void {
  const { httpAuth, admin, backfill, audited } = deps;
  router.post('/admin/backfill', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { days, sources } = req.body;
    res
      .status(202)
      .json(
        await audited(
          req,
          res,
          'backfill-start',
          { days, sources },
          () => backfill.start(credentials, { days, sources }) as Promise<any>,
        ),
      );
  });

  router.get('/admin/backfill', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json({ runs: await backfill.list(credentials) });
  });

  router.get('/admin/deliveries', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { source, status, cursor, limit } = req.query;
    res.json(
      await admin.listDeliveries(credentials, {
        source,
        status,
        cursor,
        limit: limit === undefined ? undefined : Number(limit),
      }),
    );
  });

  router.get('/admin/set-aside', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { limit } = req.query;
    res.json(
      await admin.listSetAside(credentials, {
        limit: limit === undefined ? undefined : Number(limit),
      }),
    );
  });

  router.get('/admin/unmapped', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { limit } = req.query;
    res.json(
      await admin.listUnmapped(credentials, {
        limit: limit === undefined ? undefined : Number(limit),
      }),
    );
  });

  router.post('/admin/set-aside/retry', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const service = req.body?.service;
    res.json(
      await audited(
        req,
        res,
        'set-aside-retry',
        service === undefined ? {} : { service },
        () => admin.retrySetAside(credentials, service),
      ),
    );
  });

  router.post('/admin/rebuild', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await audited(req, res, 'rollups-rebuild', {}, () =>
        admin.rebuild(credentials),
      ),
    );
  });

  router.delete('/admin/events/:source/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { source, id } = req.params;
    res.json(
      await audited(req, res, 'event-delete', { source, id }, () =>
        admin.deleteRecord(credentials, source, id),
      ),
    );
  });
}
