import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A minimal backend for working on this plugin alone (`yarn start` in this folder):
//   curl http://localhost:7007/api/opsdeck/health
//   curl http://localhost:7007/api/opsdeck/entities/component/default/sample/coverage
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'sample',
          annotations: { 'github.com/project-slug': 'acme/sample' },
        },
        spec: { type: 'service', owner: 'group:default/team-a' },
      },
    ],
  }),
);
backend.add(import('../src'));
backend.start();
