import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  createPagerDutyBackfill,
  pagerdutyBackfillSettings,
} from './pagerdutyBackfill';

// PagerDuty REST API v2 "List incidents" items, trimmed to what OpsDeck reads and a bit more.
const incident = (id: string, status: string) => ({
  id,
  type: 'incident',
  summary: '[#1234] The server is on fire.',
  self: `https://api.pagerduty.com/incidents/${id}`,
  html_url: `https://acme.pagerduty.com/incidents/${id}`,
  incident_number: 1234,
  title: 'The server is on fire.',
  created_at: '2026-01-05T14:00:00Z',
  updated_at: '2026-01-05T15:30:00Z',
  status,
  incident_key: 'baf7cf21b1da41b4b0221008339ff357',
  service: { id: 'PCHK001', type: 'service_reference', summary: 'Checkout' },
  last_status_change_at: '2026-01-05T15:30:00Z',
  resolved_at: status === 'resolved' ? '2026-01-05T15:30:00Z' : null,
  urgency: 'high',
  priority: { id: 'P53ZZH5', type: 'priority_reference', summary: 'P2' },
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('PagerDuty backfill', () => {
  it('pages incidents of the service since the start (offset, more), with the API key', async () => {
    const offsets: string[] = [];
    server.use(
      http.get('https://api.eu.pagerduty.com/incidents', ({ request }) => {
        const url = new URL(request.url);
        expect(request.headers.get('authorization')).toBe('Token token=pd-key');
        expect(url.searchParams.getAll('service_ids[]')).toEqual(['PCHK001']);
        expect(url.searchParams.get('since')).toBe('2026-01-01T00:00:00.000Z');
        offsets.push(url.searchParams.get('offset')!);
        const first = url.searchParams.get('offset') === '0';
        return HttpResponse.json({
          incidents: [
            first
              ? incident('PT4KHLK', 'resolved')
              : incident('PT4KHLM', 'triggered'),
          ],
          limit: 100,
          offset: Number(url.searchParams.get('offset')),
          more: first,
          total: null,
        });
      }),
    );
    const pages = [];
    for await (const page of createPagerDutyBackfill({
      token: 'pd-key',
      baseUrl: 'https://api.eu.pagerduty.com',
    }).run({ target: 'PCHK001', since: new Date('2026-01-01T00:00:00Z') })) {
      pages.push(page);
    }
    expect(offsets).toEqual(['0', '100']);
    expect(pages.flatMap(p => p.incidents!)).toEqual([
      {
        id: 'PT4KHLK',
        service: { annotation: 'pagerduty.com/service-id', value: 'PCHK001' },
        openedAt: '2026-01-05T14:00:00Z',
        resolvedAt: '2026-01-05T15:30:00Z',
        severity: 'P2',
        url: 'https://acme.pagerduty.com/incidents/PT4KHLK',
        title: 'The server is on fire.',
        at: '2026-01-05T15:30:00Z',
      },
      expect.objectContaining({ id: 'PT4KHLM', resolvedAt: undefined }),
    ]);
  });
});

describe('PagerDuty backfill credentials', () => {
  const { ConfigReader } = require('@backstage/config');
  const warn = jest.fn();
  const logger = { warn } as any;
  const settings = (data: object, token?: string) =>
    pagerdutyBackfillSettings({
      rootConfig: new ConfigReader(data),
      logger,
      token,
    });

  it("read opsdeck.oncall.pagerduty first, then PagerDuty's plugin's pagerDuty block (its default account), then the old key", () => {
    expect(settings({})).toBeUndefined();
    expect(
      settings({
        opsdeck: { oncall: { pagerduty: { token: 'oncall-key' } } },
        pagerDuty: { apiToken: 'plugin-key' },
      }),
    ).toMatchObject({ token: 'oncall-key' });
    expect(settings({ pagerDuty: { apiToken: 'plugin-key' } })).toMatchObject({
      token: 'plugin-key',
    });
    expect(
      settings({
        pagerDuty: {
          accounts: [
            { id: 'us', apiToken: 'us-key' },
            {
              id: 'eu',
              isDefault: true,
              apiToken: 'eu-key',
              apiBaseUrl: 'https://api.eu.pagerduty.com',
            },
          ],
        },
      }),
    ).toEqual({
      token: 'eu-key',
      baseUrl: 'https://api.eu.pagerduty.com',
      oauth: undefined,
    });
    expect(warn).not.toHaveBeenCalled();
    expect(settings({}, 'old-key')).toMatchObject({ token: 'old-key' });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('opsdeck.webhooks.pagerduty.token is deprecated'),
    );
  });
});
