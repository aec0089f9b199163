import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATIONS } from '@opsdeck/backstage-plugin-common';
import { Projection } from '../derive/Projection';
import { mappedAnnotationsOf, scopeMembership } from './scopeMembership';
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
 * Keeps the annotation → entity index and the group/org scope memberships in step with the
 * catalog. A Component that gains or loses an annotation gets its facts rebuilt from the events
 * already sent for its identities at the next refresh, without a restart; a change of ownership
 * rebuilds the group and org rollups it touches.
 *
 * @internal
 */
export class EntityIndexService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: DatabaseEntityIndexStore;
      projection?: Pick<Projection, 'componentsChanged' | 'applyMembership'>;
      logger: LoggerService;
      /** The keys to index; default {@link MAPPED_ANNOTATIONS} (plus modules' keys, in the plugin). */
      annotations?: readonly string[];
    },
  ) {}

  private get annotations() {
    return this.options.annotations ?? MAPPED_ANNOTATIONS;
  }

  async refresh(): Promise<{
    entities: number;
    rows: number;
    changedScopes: number;
  }> {
    const { catalog, auth, store, projection, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: this.annotations.map(key => ({
          [`metadata.annotations.${key}`]: CATALOG_FILTER_EXISTS,
        })),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    const rows: EntityIndexRow[] = [];
    for (const entity of items) {
      const entityRef = stringifyEntityRef(entity);
      for (const { key, value } of mappedAnnotationsOf(
        entity,
        this.annotations,
      )) {
        rows.push({ annotationKey: key, annotationValue: value, entityRef });
      }
    }
    const changedComponents = await store.replaceAll(rows);

    let changedScopes = 0;
    if (projection) {
      const fields = [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
        'relations',
      ];
      const [components, groups] = await Promise.all(
        ['component', 'group'].map(
          async kind =>
            (
              await catalog.getEntities(
                { filter: { kind }, fields },
                { credentials },
              )
            ).items,
        ),
      );
      // Ownership first: the facts derived next count in their teams as soon as they exist.
      changedScopes = await projection.applyMembership(
        scopeMembership(components, groups, this.annotations),
      );
      // A Component that gained or lost an identity gets its facts rebuilt from its new history.
      await projection.componentsChanged(changedComponents);
    }
    logger.debug(
      `OpsDeck entity index: ${rows.length} annotations of ${items.length} entities; ${changedScopes} rollup scopes changed`,
    );
    return { entities: items.length, rows: rows.length, changedScopes };
  }
}
