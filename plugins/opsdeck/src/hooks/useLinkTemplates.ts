import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { parseLinkTemplates } from '@opsdeck/backstage-plugin-common';
import { useMemo } from 'react';

/**
 * The link templates of `opsdeck.links.templates`, or why they are not valid (then none).
 *
 * @internal
 */
export function useLinkTemplates() {
  const config = useApi(configApiRef);
  return useMemo(() => {
    try {
      const raw = config.getOptionalConfigArray('opsdeck.links.templates');
      return { templates: parseLinkTemplates(raw?.map(c => c.get())) };
    } catch (error) {
      return { templates: [], error: (error as Error).message };
    }
  }, [config]);
}
