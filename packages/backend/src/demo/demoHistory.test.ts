import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import opsdeckPlugin from '@opsdeck/backstage-plugin-backend';
import request from 'supertest';
import { demoHistoryBatches } from './demoHistory';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 15);
const ANCHOR = Date.UTC(2026, 10, 22);

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'x', lifecycle: 'production' },
});

describe('demo history', () => {
  it('is deterministic, and a later start only adds days', () => {
    const first = demoHistoryBatches({ anchorDay: ANCHOR, now: NOW });
    expect(demoHistoryBatches({ anchorDay: ANCHOR, now: NOW })).toEqual(first);
    const later = demoHistoryBatches({ anchorDay: ANCHOR, now: NOW + 3 * DAY });
    const ids = (batches: typeof first) =>
      new Set(batches.flatMap(b => b.deployments.map((d: any) => d.id)));
    const before = ids(first);
    const after = ids(later);
    expect([...before].every(id => after.has(id))).toBe(true);
    expect(after.size).toBeGreaterThan(before.size);
  });

  it("gives the new hire commits from the day she joined, and only Payments'", () => {
    // NOW is Sunday 22 Nov: she joined Monday 16 Nov, 09:00 UTC.
    const joined = Date.UTC(2026, 10, 16, 9);
    const changes = demoHistoryBatches({ anchorDay: ANCHOR, now: NOW }).flatMap(
      b =>
        b.deployments.flatMap((d: any) =>
          (d.changes ?? []).map((c: any) => ({ ...c, deployment: d })),
        ),
    );
    const hers = changes.filter(
      c => c.authorEmail === 'nina.patel@acme.example',
    );
    expect(hers.length).toBeGreaterThan(3);
    for (const c of hers) {
      expect(Date.parse(c.deployment.finishedAt)).toBeGreaterThanOrEqual(
        joined,
      );
      expect(['checkout-api', 'payment-gateway', 'fraud-detector']).toContain(
        c.deployment.id.replace(/-\d{4}-.*$/, ''),
      );
    }
    expect(
      changes.every(c =>
        /@acme\.example$/.test(c.authorEmail ?? '@acme.example'),
      ),
    ).toBe(true);
  });

  it('gives the elite, struggling and empty profiles through POST /events', async () => {
    const { server } = await startTestBackend({
      features: [
        opsdeckPlugin,
        catalogServiceMock.factory({
          entities: [
            'checkout-api',
            'fraud-detector',
            'web-storefront',
            'shipping-service',
          ].map(component),
        }),
      ],
    });
    for (const batch of demoHistoryBatches({ anchorDay: ANCHOR, now: NOW })) {
      await request(server)
        .post('/api/opsdeck/events')
        .set('Authorization', mockCredentials.service.header())
        .send(batch)
        .expect(202);
    }
    // Reads never derive: ask until the answer holds every accepted event.
    const dora = async (name: string) => {
      for (;;) {
        const { body } = await request(server)
          .get(
            `/api/opsdeck/entities/component/default/${name}/dora?from=2026-08-24&to=2026-11-22`,
          )
          .expect(200);
        if (body.pendingEvents === 0) return body.current;
        await new Promise(r => setTimeout(r, 50));
      }
    };

    const checkout = await dora('checkout-api'); // Payments: the elite team
    expect(checkout.deploymentFrequency.tier).toBe('elite');
    expect(checkout.changeLeadTime.tier).toBe('elite');
    const fraud = await dora('fraud-detector');
    expect(fraud.deploymentFrequency.tier).toBe('elite');
    const storefront = await dora('web-storefront'); // Storefront: struggling
    expect(storefront.changeFailRate.value).toBeGreaterThanOrEqual(0.3);
    const shipping = await dora('shipping-service'); // Logistics: no data yet
    expect(shipping.deploymentFrequency).toMatchObject({
      value: null,
      reason: 'no-deployments-ever',
    });
    expect(shipping.changeLeadTime.reason).toBe('no-changes');
  });
});
