import { mockCredentials } from '@backstage/backend-test-utils';
import { metricsServiceFactory } from '@backstage/backend-defaults/alpha';
import { metrics } from '@opentelemetry/api';
import {
  DataPoint,
  Histogram,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import request from 'supertest';
import { startPagerDutyOnCallBackend } from '../__testUtils__/fakePagerDuty';
import {
  component,
  githubDelivery,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';
import {
  deploymentStatusPayload,
  sha,
} from '../__testUtils__/providerPayloads';

jest.setTimeout(60_000);

/** Collects on demand, as an OpenTelemetry exporter's reader would on its interval. */
class TestReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

// Backstage's real metrics service writes to the global OpenTelemetry meter provider.
const reader = new TestReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));

/** Every data point of the metric with this name, as the collection sees it now. */
async function points(name: string): Promise<DataPoint<unknown>[]> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics
    .flatMap(s => s.metrics)
    .filter(m => m.descriptor.name === name)
    .flatMap(m => m.dataPoints as DataPoint<unknown>[]);
}

async function value(name: string, attributes: object = {}) {
  const found = (await points(name)).filter(p =>
    Object.entries(attributes).every(
      ([k, v]) => (p.attributes as Record<string, unknown>)[k] === v,
    ),
  );
  return found.length ? (found[0].value as number) : undefined;
}

const REPO = 'acme/checkout';

describe('OpsDeck metrics, through Backstage’s metrics service', () => {
  it('counts ingest requests by route and status, and shows derivation catching up', async () => {
    const { server, send } = await startWebhookBackend({
      entities: [component('checkout', { 'github.com/project-slug': REPO })],
      features: [metricsServiceFactory],
    });
    const deployment = deploymentStatusPayload(
      REPO,
      1,
      'success',
      1,
      '2026-01-05T10:00:00Z',
    );
    await send(githubDelivery('deployment_status', deployment)).expect(202);
    await send(
      githubDelivery('deployment_status', deployment, 'not-the-secret'),
    ).expect(401);
    const events = (body: object) =>
      request(server)
        .post('/api/opsdeck/events')
        .set('Authorization', mockCredentials.service.header())
        .send(body);
    await events({ version: 1, source: 'ci', deployments: [{}] }).expect(400);
    await events({
      version: 1,
      source: 'ci',
      deployments: [
        {
          id: 'd1',
          service: 'component:default/checkout',
          environment: 'production',
          status: 'success',
          finishedAt: '2026-01-05T11:00:00Z',
          changes: [{ sha: sha(2), time: '2026-01-05T09:00:00Z' }],
        },
      ],
    }).expect(202);

    expect(
      await value('opsdeck.ingest.requests', { route: 'github', status: 202 }),
    ).toBe(1);
    expect(
      await value('opsdeck.ingest.requests', { route: 'github', status: 401 }),
    ).toBe(1);
    expect(
      await value('opsdeck.ingest.requests', { route: 'events', status: 400 }),
    ).toBe(1);
    expect(
      await value('opsdeck.ingest.requests', { route: 'events', status: 202 }),
    ).toBe(1);

    // Derivation starts once deliveries pause; until then the events wait, and say so.
    for (let i = 0; ; i++) {
      const pending = await value('opsdeck.derivation.pending_events');
      if (pending === 0) break;
      expect(pending).toBeGreaterThan(0);
      if (i > 200) throw new Error('derivation never caught up');
      await new Promise(r => setTimeout(r, 50));
    }
    expect(await value('opsdeck.derivation.lag')).toBe(0);
    expect(await value('opsdeck.derivation.queued')).toBe(0);
    expect(await value('opsdeck.derivation.set_aside')).toBe(0);
    expect(
      await value('opsdeck.deliveries', { status: 'processed' }),
    ).toBeGreaterThanOrEqual(2);
    const [passes] = await points('opsdeck.derivation.duration');
    expect((passes.value as Histogram).count).toBeGreaterThanOrEqual(1);
  });

  it('counts failed on-call provider calls', async () => {
    const app = await startPagerDutyOnCallBackend({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'ledger',
            namespace: 'default',
            annotations: { 'pagerduty.com/service-id': 'PLEDGER' },
          },
          spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
        },
      ],
      token: 'pd-token',
      features: [metricsServiceFactory],
    });
    try {
      app.pd.state.mode = '500';
      await request(app.backend.server)
        .get('/api/opsdeck/entities/component/default/ledger/oncall')
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      expect(
        await value('opsdeck.oncall.provider.errors', {
          provider: 'pagerduty',
        }),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      await app.stop();
    }
  });
});
