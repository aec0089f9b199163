import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { ownedComponent } from '../__testUtils__/entities';
import {
  githubDelivery,
  startWebhookBackend,
} from '../__testUtils__/webhookBackend';
import {
  deploymentStatusPayload,
  pushPayload,
} from '../__testUtils__/providerPayloads';

const REPO = 'acme/checkout';
const rotation = JSON.stringify({
  members: ['user:default/mei'],
  every: 'P7D',
  handoff: 'MON 09:00',
  tz: 'UTC',
  start: '2026-01-05',
});
const entities: Entity[] = [
  ownedComponent('checkout', 'payments', { 'github.com/project-slug': REPO }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'opsdeck.io/oncall-rotation': rotation },
    },
    spec: {
      type: 'team',
      profile: { displayName: 'Payments', email: 'payments@acme.example' },
      children: [],
    },
    relations: [
      { type: 'hasMember', targetRef: 'user:default/mei' },
      { type: 'childOf', targetRef: 'group:default/commerce' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: {
      type: 'department',
      profile: { displayName: 'Commerce' },
      children: ['payments'],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'mei', namespace: 'default' },
    spec: {
      profile: { displayName: 'Mei Chen', email: 'mei@acme.example' },
      memberOf: ['payments'],
    },
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
  },
];

const user = { Authorization: mockCredentials.user.header() };

async function start() {
  const backend = await startWebhookBackend({
    entities,
    // The real actions registry: its HTTP routes, as AI assistants and tools call them.
    features: [actionsRegistryServiceFactory],
  });
  const invoke = async (name: string, input: object) => {
    const res = await request(backend.server)
      .post(`/api/opsdeck/.backstage/actions/v1/actions/opsdeck:${name}/invoke`)
      .set(user)
      .send(input);
    return res;
  };
  return { ...backend, invoke };
}

describe("OpsDeck in Backstage's actions registry", () => {
  it('lists who-owns, who-is-on-call, dora-metrics and slo-status, read-only', async () => {
    const { server } = await start();
    const res = await request(server)
      .get('/api/opsdeck/.backstage/actions/v1/actions')
      .set(user)
      .expect(200);
    expect(
      res.body.actions.map((a: any) => [a.id, a.attributes.readOnly]),
    ).toEqual([
      ['opsdeck:who-owns', true],
      ['opsdeck:who-is-on-call', true],
      ['opsdeck:dora-metrics', true],
      ['opsdeck:slo-status', true],
    ]);
  });

  it('answers who owns a service and who is on call for it, in words an assistant can repeat', async () => {
    const { invoke } = await start();
    const owns = await invoke('who-owns', { entityRef: 'checkout' });
    expect(owns.status).toBe(200);
    expect(owns.body.output).toMatchObject({
      entityRef: 'component:default/checkout',
      owner: {
        entityRef: 'group:default/payments',
        name: 'Payments',
        email: 'payments@acme.example',
        members: [{ entityRef: 'user:default/mei', name: 'Mei Chen' }],
      },
      parents: ['Commerce'],
      summary:
        'component:default/checkout is owned by Payments (payments@acme.example), part of Commerce.',
    });
    const oncall = await invoke('who-is-on-call', {
      entityRef: 'component:default/checkout',
    });
    expect(oncall.body.output).toMatchObject({
      provider: 'rotation',
      from: 'group:default/payments',
      levels: [{ level: 1, people: [{ name: 'Mei Chen' }] }],
      stale: false,
    });
    expect(oncall.body.output.summary).toMatch(/^Level 1: Mei Chen until 20/);
  });

  it("answers a service's DORA numbers from the events OpsDeck received, and says it has no SLOs", async () => {
    const { invoke, send, settle } = await start();
    const now = Date.now();
    const iso = (hoursAgo: number) =>
      new Date(now - hoursAgo * 3_600_000).toISOString();
    const push = pushPayload(REPO, 1, 2, [2]);
    // The pushed commit was made 10 h before the deployment finished.
    push.commits[0].timestamp = iso(12);
    await send(githubDelivery('push', push));
    await send(
      githubDelivery(
        'deployment_status',
        deploymentStatusPayload(REPO, 7, 'success', 2, iso(2)),
      ),
    );
    await settle();
    // Counting follows ingest within moments: ask until nothing is pending, as a tool would.
    let dora = await invoke('dora-metrics', {
      entityRef: 'checkout',
      days: 30,
    });
    const deadline = Date.now() + 15_000;
    while (dora.body.output?.pendingEvents !== 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 25));
      dora = await invoke('dora-metrics', { entityRef: 'checkout', days: 30 });
    }
    expect(dora.status).toBe(200);
    expect(dora.body.output).toMatchObject({
      changeLeadTimeHours: { value: 10, unit: 'hours (median)' },
      changeFailRatePercent: { value: 0, unit: '%' },
      mttrHours: { value: null },
    });
    expect(dora.body.output.summary).toContain(
      'Change lead time: 10 hours (median)',
    );
    expect(dora.body.output.summary).toContain('MTTR: no data');

    const slo = await invoke('slo-status', { entityRef: 'checkout' });
    expect(slo.body.output).toMatchObject({
      objectives: [],
      summary:
        'component:default/checkout has no SLOs; name OpenSLO files in its opsdeck.io/openslo annotation.',
    });
  }, 30_000);

  it('refuses a bad entity ref naming the field, and an entity the caller cannot see is not found', async () => {
    const { invoke } = await start();
    const bad = await invoke('who-owns', { entityRef: 'component:' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^entityRef: /);
    const missing = await invoke('who-is-on-call', { entityRef: 'nowhere' });
    expect(missing.status).toBe(404);
  });
});
