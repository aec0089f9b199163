import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { opsDeckApiRef } from '../api/OpsDeckApi';

/**
 * Loads the coverage of the entity on the current page.
 *
 * @internal
 */
export function useEntityCoverage() {
  const { entity } = useEntity();
  const api = useApi(opsDeckApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.getEntityCoverage(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
