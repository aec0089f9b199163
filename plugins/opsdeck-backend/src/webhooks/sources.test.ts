import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  TestDelivery,
  WEBHOOK_SECRETS,
  component,
  pagerdutyDelivery,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';
import { pagerdutyIncidentPayload } from '../__testUtils__/providerPayloads';
import { readDerived } from '../__testUtils__/readDerived';

const entities = [
  component('checkout', {
    'pagerduty.com/service-id': 'PCHK001',
    'gitlab.com/project-slug': 'acme/checkout',
    'argocd/app-name': 'checkout-prod',
    'opsgenie.com/team': 'payments',
  }),
];
const WINDOW = 'from=2026-01-05&to=2026-01-12';
const HOUR = 3_600_000;

async function dora(server: Parameters<typeof request>[0]) {
  const res = await readDerived(
    server,
    `/api/opsdeck/entities/component/default/checkout/dora?${WINDOW}`,
    { Authorization: mockCredentials.user.header() },
  );
  return res.body.current;
}

const pdEvent = (id: string, type: string, occurredAt: string) =>
  pagerdutyIncidentPayload({ eventId: id, type, occurredAt });

describe('webhook sources end to end', () => {
  it('PagerDuty: out-of-order, duplicate and reopening deliveries give the right MTTR', async () => {
    const { server, send, settle } = await startWebhookBackend({ entities });
    const resolved = pagerdutyDelivery(
      pdEvent('e3', 'incident.resolved', '2026-01-05T15:30:00Z'),
    );
    // Resolved arrives first, acknowledged after it; neither reopens the incident.
    for (const d of [
      resolved,
      pagerdutyDelivery(
        pdEvent('e2', 'incident.acknowledged', '2026-01-05T14:10:00Z'),
      ),
      pagerdutyDelivery(
        pdEvent('e1', 'incident.triggered', '2026-01-05T14:00:00Z'),
      ),
    ]) {
      expect((await send(d)).status).toBe(202);
    }
    expect((await send(resolved)).body).toMatchObject({ duplicate: true });
    await settle();
    expect((await dora(server)).mttr).toMatchObject({
      value: 1.5 * HOUR,
      detail: { opened: 1, resolved: 1, unresolved: 0 },
    });

    await send(
      pagerdutyDelivery(
        pdEvent('e4', 'incident.reopened', '2026-01-05T16:00:00Z'),
      ),
    );
    await settle();
    expect((await dora(server)).mttr.detail).toMatchObject({ unresolved: 1 });
    await send(
      pagerdutyDelivery(
        pdEvent('e5', 'incident.resolved', '2026-01-05T17:00:00Z'),
      ),
    );
    await settle();
    expect((await dora(server)).mttr.value).toBe(3 * HOUR);
  });

  it('GitLab: a deployment event with the project token counts as a production deployment', async () => {
    const { server, send, settle } = await startWebhookBackend({ entities });
    const deployment: TestDelivery = {
      source: 'gitlab',
      body: JSON.stringify({
        object_kind: 'deployment',
        status: 'success',
        status_changed_at: '2026-01-06 10:00:00 +0100',
        deployment_id: 42,
        deployable_url: 'https://gitlab.com/acme/checkout/-/jobs/1',
        environment: 'production',
        project: {
          id: 7,
          path_with_namespace: 'acme/checkout',
          web_url: 'https://gitlab.com/acme/checkout',
        },
        short_sha: '279484c0',
        commit_url:
          'https://gitlab.com/acme/checkout/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468',
        commit_title: 'Add new file',
      }),
      headers: {
        'Content-Type': 'application/json',
        'X-Gitlab-Event': 'Deployment Hook',
        'X-Gitlab-Token': WEBHOOK_SECRETS.gitlab[0],
        'Idempotency-Key': 'gl-1',
      },
    };
    expect((await send(deployment)).status).toBe(202);
    expect(
      (
        await send({
          ...deployment,
          headers: { ...deployment.headers, 'X-Gitlab-Token': 'wrong' },
        })
      ).status,
    ).toBe(401);
    await settle();
    expect((await dora(server)).deploymentFrequency.detail.count).toBe(1);
  });

  it('Argo CD: needs a Backstage service token; a degraded health after the sync fails the deployment', async () => {
    const { server, send, settle } = await startWebhookBackend({ entities });
    const note = (trigger: string) => ({
      source: 'argocd',
      body: JSON.stringify({
        trigger,
        app: 'checkout-prod',
        revision: '4f2a9c1e0b7d3a5c6e8f9a0b1c2d3e4f5a6b7c8d',
        startedAt: '2026-01-06T10:00:00Z',
        finishedAt: '2026-01-06T10:03:00Z',
        environment: 'production',
        url: 'https://argocd.example.com/applications/checkout-prod',
      }),
      headers: {
        'Content-Type': 'application/json',
        Authorization: mockCredentials.service.header(),
      },
    });
    const anonymous = note('on-deployed');
    delete (anonymous.headers as Record<string, string>).Authorization;
    expect((await send(anonymous)).status).toBe(401);
    expect(
      (
        await send({
          ...note('on-deployed'),
          headers: {
            ...note('on-deployed').headers,
            Authorization: mockCredentials.user.header(),
          },
        })
      ).status,
    ).toBe(403);
    expect((await send(note('on-deployed'))).status).toBe(202);
    await settle();
    expect((await dora(server)).changeFailRate.detail).toMatchObject({
      failed: 0,
      completed: 1,
    });
    expect((await send(note('on-health-degraded'))).status).toBe(202);
    await settle();
    expect((await dora(server)).changeFailRate.detail).toMatchObject({
      failed: 1,
      completed: 1,
    });
  });

  it('Opsgenie: incidents count, alerts only with includeAlerts, and the secret header is never stored', async () => {
    const opsgenie = (body: object): TestDelivery => ({
      source: 'opsgenie',
      body: JSON.stringify(body),
      headers: {
        'Content-Type': 'application/json',
        'X-OpsDeck-Secret': WEBHOOK_SECRETS.opsgenie[0],
      },
    });
    const incident = (action: string, updatedAt: string) => ({
      action,
      incident: {
        incidentId: 'inc-1',
        message: 'Checkout down',
        priority: 'P1',
        createdAt: '2026-01-05T14:00:00Z',
        updatedAt,
        responders: [{ type: 'team', name: 'payments' }],
      },
    });
    const alert = {
      action: 'Create',
      alert: {
        alertId: 'al-1',
        message: 'Latency',
        createdAt: Date.parse('2026-01-05T15:00:00Z'),
        teams: ['payments'],
      },
    };
    for (const includeAlerts of [false, true]) {
      const { server, send, settle, db } = await startWebhookBackend({
        entities,
        opsdeck: { dora: { incidents: { includeAlerts } } },
      });
      await send(opsgenie(incident('Create', '2026-01-05T14:00:00Z')));
      await send(opsgenie(incident('Close', '2026-01-05T16:00:00Z')));
      await send(opsgenie(alert));
      await settle();
      expect((await dora(server)).mttr.detail.opened).toBe(
        includeAlerts ? 2 : 1,
      );
      const stored = await db('opsdeck_raw_deliveries').select('headers');
      expect(stored).toHaveLength(3);
      for (const row of stored) {
        expect(row.headers).not.toContain(WEBHOOK_SECRETS.opsgenie[0]);
      }
    }
  });
});
