import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { opsDeckApiRef } from './api/OpsDeckApi';
import { OpsDeckClient } from './api/OpsDeckClient';

/**
 * The OpsDeck frontend plugin.
 *
 * @public
 */
export const opsdeckPlugin = createPlugin({
  id: 'opsdeck',
  apis: [
    createApiFactory({
      api: opsDeckApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsDeckClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * Entity card: which OpsDeck integrations the entity has and how to add the missing ones.
 * Use it on Component, System and Resource pages.
 *
 * @public
 */
export const EntityOpsDeckCoverageCard: () => JSX.Element =
  opsdeckPlugin.provide(
    createComponentExtension({
      name: 'EntityOpsDeckCoverageCard',
      component: {
        lazy: () =>
          import('./components/EntityOpsDeckCoverageCard').then(
            m => m.EntityOpsDeckCoverageCard,
          ),
      },
    }),
  );
