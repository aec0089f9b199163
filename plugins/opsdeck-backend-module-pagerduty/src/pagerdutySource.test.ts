import { AuthenticationError } from '@backstage/errors';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPagerDutyWebhookSource } from './pagerdutySource';

const fixture = (name: string) =>
  readFileSync(join(__dirname, 'fixtures', `${name}.json`));
const sign = (body: Buffer, secret: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

const source = createPagerDutyWebhookSource({ secrets: ['new', 'old'] });

describe('PagerDuty webhook source', () => {
  it('accepts a signature list where any entry matches any configured secret (rotation)', async () => {
    const body = fixture('incident.triggered');
    const headers = {
      'x-pagerduty-signature': `v1=${sign(body, 'unknown')},v1=${sign(
        body,
        'old',
      )}`,
      'x-webhook-id': 'wh-1',
    };
    await expect(source.verify({ headers, rawBody: body })).resolves.toEqual({
      deliveryId: 'wh-1',
    });
  });

  it.each([
    ['missing', {}],
    ['forged', { 'x-pagerduty-signature': `v1=${'a'.repeat(64)}` }],
    ['truncated', { 'x-pagerduty-signature': 'v1=abc' }],
    ['without its v1= prefix', { 'x-pagerduty-signature': 'garbage' }],
  ])('refuses a %s signature', async (_, headers) => {
    await expect(
      source.verify({
        headers: { ...headers, 'x-webhook-id': 'wh-1' },
        rawBody: fixture('incident.triggered'),
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('reads incident.triggered as an open incident of the PagerDuty service, with priority and link', () => {
    expect(
      source.normalize({
        headers: {},
        rawBody: fixture('incident.triggered'),
        receivedAt: 0,
      }),
    ).toEqual({
      incidents: [
        {
          id: 'PT4KHLK',
          service: { annotation: 'pagerduty.com/service-id', value: 'PCHK001' },
          openedAt: '2026-01-05T14:00:00Z',
          resolvedAt: undefined,
          severity: 'P1',
          url: 'https://acme.pagerduty.com/incidents/PT4KHLK',
          title: 'Checkout returns 502',
          at: '2026-01-05T14:00:00.000Z',
        },
      ],
    });
  });

  it('resolves on incident.resolved, reopens on incident.reopened, and only refreshes on acknowledged', () => {
    const read = (name: string) =>
      source.normalize({ headers: {}, rawBody: fixture(name), receivedAt: 0 })
        .incidents![0];
    expect(read('incident.resolved').resolvedAt).toBe(
      '2026-01-05T15:30:00.000Z',
    );
    expect(read('incident.reopened').resolvedAt).toBeNull();
    expect(read('incident.acknowledged').resolvedAt).toBeUndefined();
  });

  it('ignores non-incident events with a reason', () => {
    expect(
      source.normalize({
        headers: {},
        rawBody: fixture('service.updated'),
        receivedAt: 0,
      }),
    ).toEqual({
      ignored: "event 'service.updated' is not used; send incident.* events",
    });
  });
});
