import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { OpsDeckApi, opsDeckApiRef } from '../api/OpsDeckApi';

/**
 * Calls the OpsDeck API and tracks loading, error and value; `retry` calls again.
 *
 * @internal
 */
export function useOpsDeck<T>(
  call: (api: OpsDeckApi) => Promise<T>,
  deps: readonly unknown[],
) {
  const api = useApi(opsDeckApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the call reads
  return useAsyncRetry(() => call(api), [api, ...deps]);
}
