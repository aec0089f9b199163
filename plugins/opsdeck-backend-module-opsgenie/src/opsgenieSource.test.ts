import { AuthenticationError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOpsgenieWebhookSource, opsgenieTime } from './opsgenieSource';

const fixture = (name: string) =>
  readFileSync(join(__dirname, 'fixtures', `${name}.json`));
const source = createOpsgenieWebhookSource({
  secrets: ['s3cret', 'next-s3cret'],
  header: 'x-acme-auth',
});
const read = (name: string) =>
  source.normalize({ headers: {}, rawBody: fixture(name), receivedAt: 1 })
    .incidents![0];

describe('Opsgenie / JSM Operations webhook source', () => {
  it('checks the shared secret in the configured header, and keeps that header out of storage', async () => {
    await expect(
      source.verify({
        headers: { 'x-acme-auth': 'next-s3cret' },
        rawBody: fixture('alert-create'),
      }),
    ).resolves.toEqual({ deliveryId: expect.stringMatching(/^sha256:/) });
    expect(source.secretHeaders).toEqual(['x-acme-auth']);
    for (const headers of [
      {},
      { 'x-acme-auth': 's3cre' },
      { 'x-opsdeck-secret': 's3cret' },
    ]) {
      await expect(
        source.verify({ headers, rawBody: fixture('alert-create') }),
      ).rejects.toBeInstanceOf(AuthenticationError);
    }
  });

  it('reads an incident Create and Close as one incident of the responding team', () => {
    expect(read('incident-create')).toEqual({
      id: '9f3c2a10-5b1d-4e6f-8a7b-1c2d3e4f5a6b',
      service: { annotation: 'opsgenie.com/team', value: 'payments' },
      openedAt: '2026-01-05T14:00:00Z',
      resolvedAt: undefined,
      severity: 'P1',
      isAlert: undefined,
      url: 'https://acme.app.opsgenie.com/incident/detail/9f3c2a10-5b1d-4e6f-8a7b-1c2d3e4f5a6b',
      title: 'Checkout down for EU',
      at: '2026-01-05T14:00:00Z',
    });
    expect(read('incident-close')).toMatchObject({
      resolvedAt: '2026-01-05T15:30:00Z',
    });
  });

  it('reads alerts flagged as alerts, with nanosecond update times turned into ms', () => {
    expect(read('alert-create')).toMatchObject({
      id: '44f717bf-44bd-11c9-44c7-2d0cf1d07b23',
      service: { annotation: 'opsgenie.com/team', value: 'payments' },
      openedAt: 1767621600000,
      isAlert: true,
    });
    expect(read('alert-close').resolvedAt).toBe(1767625200000);
  });

  it('reads mixed time stamps', () => {
    expect(opsgenieTime(1767621600000)).toBe(1767621600000);
    expect(opsgenieTime(1767621600000000)).toBe(1767621600000);
    expect(opsgenieTime(1767621600000000000)).toBe(1767621600000);
    expect(opsgenieTime('2026-01-05T14:00:00Z')).toBe('2026-01-05T14:00:00Z');
  });

  it('ignores payloads with no team, with a reason', () => {
    const body = JSON.parse(fixture('alert-create').toString());
    delete body.alert.teams;
    expect(
      source.normalize({
        headers: {},
        rawBody: Buffer.from(JSON.stringify(body)),
        receivedAt: 0,
      }).ignored,
    ).toBe('alert without an id, a team or createdAt');
  });
});
