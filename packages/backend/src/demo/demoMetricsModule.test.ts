import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { DemoLiveMetrics } from './demoLiveMetrics';
import demoHistoryPlugin from './demoHistoryPlugin';
import demoMetricsModule from './demoMetricsModule';

const HOUR = 3_600_000;

/** Sum of the values of a series name (`http_request_duration_seconds_count` too) whose labels match. */
async function total(
  metrics: DemoLiveMetrics,
  name: string,
  labels: Record<string, string>,
) {
  const values = (await metrics.registry.getMetricsAsJSON()).flatMap(m =>
    (
      m.values as Array<{
        value: number;
        labels: Record<string, string | number>;
        metricName?: string;
      }>
    ).filter(v => (v.metricName ?? m.name) === name),
  );
  return values
    .filter(v => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

describe('demo live metrics', () => {
  it('keeps Payments healthy and web-storefront failing enough to page, in whole counts', async () => {
    const metrics = new DemoLiveMetrics();
    const start = Date.UTC(2026, 10, 22, 14);
    for (let t = start; t < start + HOUR; t += 1000) metrics.tick(t);

    const ratio = async (service: string) =>
      (await total(metrics, 'http_requests_total', { service, code: '500' })) +
      (await total(metrics, 'http_requests_total', { service, code: '503' }));
    const all = (service: string) =>
      total(metrics, 'http_requests_total', { service });

    const storefront =
      (await ratio('web-storefront')) / (await all('web-storefront'));
    expect(storefront).toBeGreaterThan(0.02);
    expect(storefront).toBeLessThan(0.04);
    // Burn at 99.9 %: far over the 14.4 that pages.
    expect(storefront / 0.001).toBeGreaterThan(14.4);
    for (const service of [
      'checkout-api',
      'payment-gateway',
      'fraud-detector',
    ]) {
      const failed = (await ratio(service)) / (await all(service));
      expect(failed).toBeGreaterThan(0.0001);
      expect(failed).toBeLessThan(0.0005);
    }
    const failedMessages = await total(metrics, 'messages_processed_total', {
      service: 'ledger-worker',
      outcome: 'failed',
    });
    expect(failedMessages).toBeGreaterThan(0);
    expect(Number.isInteger(await all('checkout-api'))).toBe(true);
    // Latency: the histogram counts what the requests counter counts.
    expect(
      await total(metrics, 'http_request_duration_seconds_count', {
        service: 'checkout-api',
      }),
    ).toBe(await all('checkout-api'));
  });

  it('serves the counters without a token when enabled', async () => {
    const { server } = await startTestBackend({
      features: [
        demoHistoryPlugin,
        demoMetricsModule,
        mockServices.rootConfig.factory({
          data: { opsdeck: { demo: { metrics: { enabled: true } } } },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/opsdeck-demo/metrics')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain(
      'http_requests_total{service="web-storefront",code="500"}',
    );
    expect(res.text).toContain(
      'http_request_duration_seconds_bucket{le="0.3",service="checkout-api"}',
    );
  });

  it('serves nothing when not enabled', async () => {
    const { server } = await startTestBackend({
      features: [demoHistoryPlugin, demoMetricsModule],
    });
    const res = await request(server).get('/api/opsdeck-demo/metrics');
    expect(res.status).toBe(404);
  });
});
