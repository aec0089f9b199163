import { mockCredentials } from '@backstage/backend-test-utils';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import techInsightsModuleOpsDeck from '@opsdeck/backstage-plugin-backend-module-tech-insights';
import request from 'supertest';
import { ownedComponent } from './__testUtils__/entities';
import {
  githubDelivery,
  startWebhookBackend,
} from './__testUtils__/webhookBackend';
import {
  deploymentStatusPayload,
  pushPayload,
} from './__testUtils__/providerPayloads';
import { readDerived } from './__testUtils__/readDerived';

const REPO = 'acme/checkout';

describe('OpsDeck facts in Tech Insights', () => {
  it('gives scorecards each Component’s DORA numbers, tiers and coverage, from a real Tech Insights backend', async () => {
    const { server, send, settle, tasks } = await startWebhookBackend({
      entities: [
        ownedComponent('checkout', 'payments', {
          'github.com/project-slug': REPO,
        }),
        ownedComponent('ledger', 'payments'),
      ],
      rootConfig: {
        techInsights: {
          factRetrievers: {
            opsdeckFactRetriever: { cadence: '0 3 * * *' },
          },
        },
      },
      features: [techInsightsBackend, techInsightsModuleOpsDeck],
    });
    const now = Date.now();
    const iso = (hoursAgo: number) =>
      new Date(now - hoursAgo * 3_600_000).toISOString();
    const push = pushPayload(REPO, 1, 2, [2]);
    push.commits[0].timestamp = iso(30); // shipped 24 h later
    await send(githubDelivery('push', push));
    await send(
      githubDelivery(
        'deployment_status',
        deploymentStatusPayload(REPO, 7, 'success', 2, iso(6)),
      ),
    );
    await settle();
    // Counted before Tech Insights asks.
    await readDerived(server, '/api/opsdeck/org/services', {
      Authorization: mockCredentials.user.header(),
    });

    // What Tech Insights' scheduler runs on the configured cadence.
    await tasks.get('opsdeck-fact-retriever')!();

    const latest = async (name: string) =>
      (
        await request(server)
          .get('/api/tech-insights/facts/latest')
          .query({
            entity: `component:default/${name}`,
            'ids[]': 'opsdeck-fact-retriever',
          })
          .set('Authorization', mockCredentials.user.header())
          .expect(200)
      ).body['opsdeck-fact-retriever'].facts;
    expect(await latest('checkout')).toMatchObject({
      changeLeadTimeHours: 24,
      changeFailRatePercent: 0,
      changeFailRateTier: expect.any(String),
      hasOwner: true,
      hasDeploymentEvents: true,
      hasOnCall: false,
    });
    const ledger = await latest('ledger');
    // Nothing measured is no fact — never a 0 a check would pass on.
    expect(ledger).not.toHaveProperty('changeLeadTimeHours');
    expect(ledger).toMatchObject({
      hasOwner: true,
      hasDeploymentEvents: false,
    });
  });
});
