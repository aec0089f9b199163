import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { createArgoCdWebhookSource } from './argocdSource';

/** The ConfigMap the README tells users to apply — the same file. */
const configMap = YAML.parse(
  readFileSync(join(__dirname, '..', 'argocd-notifications.yaml'), 'utf8'),
);

/** A synced Application, as Argo CD's notification templates see it. */
const context = {
  app: {
    metadata: { name: 'checkout-prod' },
    status: {
      operationState: {
        phase: 'Succeeded',
        startedAt: '2026-01-05T10:00:00Z',
        finishedAt: '2026-01-05T10:03:00Z',
        syncResult: { revision: '4f2a9c1e0b7d3a5c6e8f9a0b1c2d3e4f5a6b7c8d' },
      },
    },
  },
  context: { argocdUrl: 'https://argocd.example.com' },
};

/** Renders the `{{.path}}` placeholders of a template body the way Argo CD does. */
function render(templateName: string): Buffer {
  const template = YAML.parse(configMap.data[`template.${templateName}`]);
  const body: string = template.webhook.opsdeck.body;
  return Buffer.from(
    body.replace(/\{\{\s*\.([\w.]+)\s*\}\}/g, (_, path: string) =>
      String(path.split('.').reduce((v: any, k) => v?.[k], context)),
    ),
  );
}

const source = createArgoCdWebhookSource();

describe('Argo CD notifications source', () => {
  it('asks for a Backstage token rather than a signature', () => {
    expect(source.authentication).toBe('backstage-token');
  });

  it('reads the on-deployed template as a successful deployment of the synced revision', () => {
    expect(
      source.normalize({
        headers: {},
        rawBody: render('app-deployed'),
        receivedAt: 0,
      }),
    ).toEqual({
      deployments: [
        {
          id: 'checkout-prod@2026-01-05T10:00:00Z',
          service: { annotation: 'argocd/app-name', value: 'checkout-prod' },
          environment: 'production',
          status: 'success',
          startedAt: '2026-01-05T10:00:00Z',
          finishedAt: '2026-01-05T10:03:00Z',
          commit: { sha: '4f2a9c1e0b7d3a5c6e8f9a0b1c2d3e4f5a6b7c8d' },
          url: 'https://argocd.example.com/applications/checkout-prod',
          title: 'checkout-prod sync',
          at: '2026-01-05T10:03:00Z',
        },
      ],
    });
  });

  it('reads on-sync-failed and on-health-degraded as failures of the same operation', () => {
    const read = (name: string) =>
      source.normalize({
        headers: {},
        rawBody: render(name),
        receivedAt: 1_767_610_000_000,
      }).deployments![0];
    expect(read('app-sync-failed')).toMatchObject({
      id: 'checkout-prod@2026-01-05T10:00:00Z',
      status: 'failure',
    });
    // Noticed after the sync: it happens when it arrives, so it wins over the earlier success.
    expect(read('app-health-degraded')).toMatchObject({
      id: 'checkout-prod@2026-01-05T10:00:00Z',
      status: 'degraded',
      at: 1_767_610_000_000,
    });
  });

  it('names a delivery by its body, so a resent notification is a duplicate', async () => {
    const a = await source.verify({
      headers: {},
      rawBody: render('app-deployed'),
    });
    const b = await source.verify({
      headers: {},
      rawBody: render('app-deployed'),
    });
    const c = await source.verify({
      headers: {},
      rawBody: render('app-sync-failed'),
    });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('ignores other triggers with a reason', () => {
    expect(
      source.normalize({
        headers: {},
        rawBody: Buffer.from('{"trigger":"on-created","app":"x"}'),
        receivedAt: 0,
      }).ignored,
    ).toMatch(/'on-created' is not used/);
  });
});
