import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useOpsDeck } from './useOpsDeck';

/**
 * Loads the coverage of the entity on the current page.
 *
 * @internal
 */
export function useEntityCoverage() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  return useOpsDeck(
    api => api.getEntityCoverage(ref),
    [ref.kind, ref.namespace, ref.name],
  );
}
