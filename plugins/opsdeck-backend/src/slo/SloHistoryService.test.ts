import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createEnvironmentMatcher } from '@opsdeck/backstage-plugin-common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectionStack } from '../__testUtils__/projectionStack';
import {
  HOUR,
  MINUTE,
  TestPrometheus,
  startPrometheus,
} from '../__testUtils__/prometheus';
import { ProviderAnswerCache } from '../oncall/ProviderAnswerCache';
import { openOpsDeckDatabase } from '../store/database';
import { DatabaseProvenanceStore } from '../store/DatabaseProvenanceStore';
import { OpenSloReader } from './OpenSloReader';
import { PrometheusSliProvider } from './PrometheusSliProvider';
import { SloHistoryService } from './SloHistoryService';
import { SloService } from './SloService';
import { readSloConfig } from './sloConfig';
import { ConfigReader } from '@backstage/config';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

/** The evaluation time, fixed: whole minutes make every count exact. */
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;

/**
 * Eight hours of checkout's requests up to `NOW`: 99 good and 1 bad a minute, except the hour
 * from NOW − 2 h, when 10 of every 100 fail.
 */
function requestHistory(): string[] {
  const lines = ['# TYPE http_requests counter'];
  for (const code of ['200', '500']) {
    let value = 0;
    for (let t = NOW - 8 * HOUR; t <= NOW; t += MINUTE) {
      lines.push(`http_requests_total{code="${code}"} ${value} ${t / 1000}`);
      const bad = t >= NOW - 2 * HOUR && t < NOW - HOUR ? 10 : 1;
      value += code === '500' ? bad : 100 - bad;
    }
  }
  return lines;
}

const dir = mkdtempSync(join(tmpdir(), 'opsdeck-slo-history-'));
writeFileSync(
  join(dir, 'checkout.yaml'),
  `apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability }
spec:
  timeWindow: [{ duration: 1d, isRolling: true }]
  indicator:
    spec:
      ratioMetric:
        bad: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{code="500"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: http_requests_total } } }
  objectives: [{ displayName: 98 %, target: 0.98 }]
`,
);
const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${join(dir, 'catalog.yaml')}`,
      'opsdeck.io/openslo': './checkout.yaml',
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

describe('SloHistoryService', () => {
  let prometheus: TestPrometheus;
  beforeAll(async () => {
    prometheus = await startPrometheus(requestHistory());
  });
  afterAll(() => {
    prometheus?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(databases.eachSupportedId())(
    'marks deployments and incidents on the budget curve and lists the deployment the next hour burned, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const db = await openOpsDeckDatabase({ getClient: async () => knex });
      const stack = projectionStack(db);
      const service = 'entity:component:default/checkout';
      await stack.ingest(
        {
          deployments: [
            {
              key: 'events:calm',
              service,
              eventTime: NOW - 5 * HOUR,
              environment: 'production',
              status: 'success',
              finishedAt: NOW - 5 * HOUR,
              commit: { sha: 'aaaaaaa' },
              title: 'Calm release',
              url: 'https://ci.example/calm',
            },
            {
              key: 'events:rough',
              service,
              eventTime: NOW - 2 * HOUR,
              environment: 'production',
              status: 'success',
              finishedAt: NOW - 2 * HOUR,
              title: 'Rough release',
              // eslint-disable-next-line no-script-url -- an unsafe link the answer must drop
              url: 'javascript:alert(1)',
            },
            {
              key: 'events:staging',
              service,
              eventTime: NOW - 3 * HOUR,
              environment: 'staging',
              status: 'success',
              finishedAt: NOW - 3 * HOUR,
            },
          ],
          incidents: [
            {
              key: 'events:inc-1',
              service,
              eventTime: NOW - 2 * HOUR + 10 * MINUTE,
              openedAt: NOW - 2 * HOUR + 10 * MINUTE,
              resolvedAt: NOW - HOUR,
              title: 'Elevated 5xx',
            },
          ],
        },
        NOW,
      );
      const config = readSloConfig(
        new ConfigReader({
          opsdeck: {
            slo: {
              providers: {
                prometheus: [{ name: 'main', baseUrl: prometheus.url }],
              },
            },
          },
        }),
      );
      const catalog = catalogServiceMock({ entities: [checkout] });
      const entries = new Map<string, unknown>();
      const cache = new ProviderAnswerCache({
        cache: mockServices.cache.mock({
          get: async (key: string) => entries.get(key) as any,
          set: async (key: string, value: unknown) => {
            entries.set(key, value);
          },
        }),
      });
      const slo = new SloService({
        catalog,
        reader: new OpenSloReader({ urlReader: mockServices.urlReader.mock() }),
        providers: () => [new PrometheusSliProvider(config.prometheus)],
        cache,
        config,
        now: () => NOW,
      });
      const history = new SloHistoryService({
        slo,
        provenance: DatabaseProvenanceStore.of(db),
        cache,
        cacheTtlMs: 60_000,
        isProduction: createEnvironmentMatcher(),
        burnAfterDeployment: 2,
      });
      const answer = await history.getHistory(
        { kind: 'component', namespace: 'default', name: 'checkout' },
        { credentials: mockCredentials.user() },
      );
      // The window's 8 hours: 420 minutes at 1 % and 60 at 10 % → 1 020 bad of 48 000;
      // consumed = (1 020 / 48 000) ÷ 0.02 = 1.0625: the curve ends exhausted.
      const last = answer.points[answer.points.length - 1];
      expect(answer.points[0]).toEqual({
        at: new Date(NOW - 24 * HOUR).toISOString(),
        remaining: 1,
      });
      expect(last.at).toBe(new Date(NOW).toISOString());
      expect(
        Math.abs(last.remaining - (1 - 1_020 / 48_000 / 0.02)),
      ).toBeLessThan(1e-9);
      // Only production deployments, oldest first; the hour after each: calm burns
      // 1 % ÷ 2 % = 0.5, rough 10 % ÷ 2 % = 5 and spends 600 ÷ (0.02 × 48 000) = 62.5 % of
      // the budget. A link that is not http(s) is dropped.
      expect(answer.deployments).toEqual([
        {
          id: 'calm',
          at: new Date(NOW - 5 * HOUR).toISOString(),
          status: 'success',
          environment: 'production',
          title: 'Calm release',
          url: 'https://ci.example/calm',
          sha: 'aaaaaaa',
          burnAfter: expect.any(Number),
          budgetSpentAfter: expect.any(Number),
        },
        {
          id: 'rough',
          at: new Date(NOW - 2 * HOUR).toISOString(),
          status: 'success',
          environment: 'production',
          title: 'Rough release',
          burnAfter: expect.any(Number),
          budgetSpentAfter: expect.any(Number),
        },
      ]);
      const [calm, rough] = answer.deployments;
      expect(Math.abs(calm.burnAfter! - 0.5)).toBeLessThan(1e-9);
      expect(Math.abs(rough.burnAfter! - 5)).toBeLessThan(1e-9);
      expect(Math.abs(rough.budgetSpentAfter! - 0.625)).toBeLessThan(1e-9);
      expect(answer.burnedAfter).toEqual(['rough']);
      expect(answer.incidents).toEqual([
        {
          id: 'inc-1',
          openedAt: new Date(NOW - 2 * HOUR + 10 * MINUTE).toISOString(),
          resolvedAt: new Date(NOW - HOUR).toISOString(),
          title: 'Elevated 5xx',
        },
      ]);
      expect(answer.queries).toEqual([
        'sum(increase(http_requests_total{code="500"}[720s]))',
        'sum(increase(http_requests_total[720s]))',
      ]);
    },
  );
});
