import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsdeckPlugin } from './plugin';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};
const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

async function start() {
  const reads: string[] = [];
  const catalog = catalogServiceMock({ entities: [checkout, payments] });
  const read = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = (async (ref, options) => {
    reads.push(String(ref));
    return read(ref, options);
  }) as typeof catalog.getEntityByRef;
  const { server } = await startTestBackend({
    features: [
      opsdeckPlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
    ],
  });
  return { server, reads };
}

const get = (server: any, path: string, user = 'user:default/alice') =>
  request(server)
    .get(`/api/opsdeck${path}`)
    .set('Authorization', mockCredentials.user.header(user));

describe("a service page's reads", () => {
  it('read the entity from the catalog once per caller, whichever cards ask', async () => {
    const { server, reads } = await start();
    const page = '/entities/component/default/checkout';
    for (const card of ['/dora', '/coverage', '/ownership', '/oncall']) {
      const res = await get(server, `${page}${card}`);
      expect([card, res.status]).toEqual([card, 200]);
    }
    const checkoutReads = () =>
      reads.filter(r => r === 'component:default/checkout').length;
    expect(checkoutReads()).toBe(1);
    // Another caller's permissions are checked with their own read.
    expect((await get(server, `${page}/dora`, 'user:default/bob')).status).toBe(
      200,
    );
    expect(checkoutReads()).toBe(2);
    // A hidden or missing entity is still a 404 for everyone.
    const missing = await get(server, '/entities/component/default/nope/dora');
    expect(missing.status).toBe(404);
  });
});
