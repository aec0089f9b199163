import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityCoverage,
  computeEntityCoverage,
} from '@opsdeck/backstage-plugin-common';
import { EntityReader, entityReader } from '../catalog/readEntity';
import { inheritedOnCall } from '../oncall/onCallChains';
import { FactsStore } from '../store/FactsStore';
import { AnnotationKeys } from '../mapping/annotationKeys';

/**
 * Answers "which OpsDeck integrations does this entity have", in agreement with the cards:
 * on-call inherited from its System or owning groups counts, and so do deployments and
 * incidents that arrived for the Component through any identity.
 *
 * @internal
 */
export class CoverageService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      /** Shared reads of entities as the caller; default a catalog read each time. */
      entities?: EntityReader;
      facts: Pick<FactsStore, 'receivedKinds'>;
      /** Installed modules' annotation keys; default none. */
      annotations?: Pick<AnnotationKeys, 'oncall' | 'coverage'>;
    },
  ) {}

  async getEntityCoverage(
    ref: CompoundEntityRef,
    options: { credentials: BackstageCredentials },
  ): Promise<EntityCoverage> {
    const { entity } = await entityReader(this.options).read(
      ref,
      options.credentials,
    );
    const [coverage] = await this.coverageOf([entity], options.credentials);
    return coverage;
  }

  /** Many entities' coverage with a few catalog and database reads (the service tables). */
  async coverageOf(
    entities: readonly Entity[],
    credentials: BackstageCredentials,
  ): Promise<EntityCoverage[]> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const components = refs.filter(ref => ref.startsWith('component:'));
    const [inherited, received] = await Promise.all([
      inheritedOnCall(
        this.options.catalog,
        entities,
        credentials,
        this.options.annotations?.oncall,
      ),
      this.options.facts.receivedKinds(components),
    ]);
    return entities.map((entity, i) =>
      computeEntityCoverage(refs[i], entity, {
        onCallFrom: inherited[i],
        received: received.get(refs[i]),
        moduleAnnotations: this.options.annotations?.coverage,
      }),
    );
  }
}
