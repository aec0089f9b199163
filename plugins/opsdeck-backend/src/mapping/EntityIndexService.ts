import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATIONS } from '@opsdeck/backstage-plugin-common';
import {
  DatabaseEntityIndexStore,
  EntityIndexRow,
} from '../store/DatabaseEntityIndexStore';

/** The annotations events may name a service by. */
export const MAPPED_ANNOTATIONS: readonly string[] = [
  ANNOTATIONS.githubProjectSlug,
  ANNOTATIONS.gitlabProjectSlug,
  ANNOTATIONS.gitlabProjectId,
  ANNOTATIONS.argocdAppName,
  ANNOTATIONS.deploymentSource,
  ANNOTATIONS.pagerDutyServiceId,
  ANNOTATIONS.opsgenieComponentSelector,
  ANNOTATIONS.opsgenieTeam,
  ANNOTATIONS.kubernetesId,
];

/**
 * Keeps the annotation → entity index in step with the catalog. A service that joins the catalog
 * gets the events already sent for it at the next refresh, without a restart.
 *
 * @internal
 */
export class EntityIndexService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: DatabaseEntityIndexStore;
      logger: LoggerService;
    },
  ) {}

  async refresh(): Promise<{ entities: number; rows: number }> {
    const { catalog, auth, store, logger } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: MAPPED_ANNOTATIONS.map(key => ({
          [`metadata.annotations.${key}`]: CATALOG_FILTER_EXISTS,
        })),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const rows: EntityIndexRow[] = [];
    for (const entity of items) {
      const entityRef = stringifyEntityRef(entity);
      const annotations = entity.metadata.annotations ?? {};
      for (const key of MAPPED_ANNOTATIONS) {
        const value = annotations[key]?.trim();
        if (value)
          rows.push({ annotationKey: key, annotationValue: value, entityRef });
      }
    }
    await store.replaceAll(rows);
    logger.debug(
      `OpsDeck entity index: ${rows.length} annotations of ${items.length} entities`,
    );
    return { entities: items.length, rows: rows.length };
  }
}
