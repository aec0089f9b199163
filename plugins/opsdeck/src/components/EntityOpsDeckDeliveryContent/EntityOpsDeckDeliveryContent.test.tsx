/* eslint-disable no-script-url -- javascript: URLs are fed on purpose: they must never become links */
import { ProvenanceItem } from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  doraAnswer,
  history,
  renderOnEntity,
} from '../../__testUtils__/fixtures';
import { EntityOpsDeckDeliveryContent } from './EntityOpsDeckDeliveryContent';

const item = (
  i: number,
  extra: Partial<ProvenanceItem> = {},
): ProvenanceItem => ({
  type: 'deployment',
  key: `ci:${i}`,
  source: 'ci',
  id: String(i),
  time: Date.UTC(2025, 11, 30 - i),
  title: `Deploy #${i}`,
  url: `https://ci.acme.test/runs/${i}`,
  detail: {
    environment: 'production',
    status: 'success',
    failed: false,
    rework: false,
  },
  ...extra,
});

describe('EntityOpsDeckDeliveryContent', () => {
  it('loads the chosen window and lists the events behind the numbers, page by page', async () => {
    const answer = doraAnswer(history({ days: 180, perWeek: 7, failEvery: 5 }));
    const getEntityDora = jest.fn(async () => answer);
    const getEntityEvents = jest.fn(async (_ref: any, query: any) =>
      query.cursor
        ? { items: [item(3)] }
        : {
            items: [
              item(0, {
                type: 'incident',
                title: 'Checkout down',
                detail: { severity: 'P1', openedAt: 0, resolvedAt: 5_400_000 },
              }),
              item(1, {
                detail: {
                  environment: 'production',
                  status: 'success',
                  rollbackOf: 'ci:2',
                  rework: true,
                },
              }),
              item(2, {
                url: 'javascript:alert(1)',
                detail: {
                  environment: 'production',
                  status: 'failure',
                  failed: true,
                },
              }),
            ],
            nextCursor: 'next',
          },
    );
    await renderOnEntity(<EntityOpsDeckDeliveryContent />, {
      api: { getEntityDora, getEntityEvents },
    });
    expect(
      await screen.findByTestId('opsdeck-dora-changeFailRate-value'),
    ).toHaveTextContent(
      `${(answer.current.changeFailRate.value! * 100).toFixed(1)} %`,
    );
    // one chart per metric
    expect(screen.getAllByTestId(/^opsdeck-trend-/)).toHaveLength(6);

    const rows = await screen.findAllByTestId('opsdeck-timeline-item');
    expect(rows.map(r => r.getAttribute('data-kind'))).toEqual([
      'incident',
      'rollback',
      'deployment',
    ]);
    expect(rows[0]).toHaveTextContent('P1');
    expect(rows[0]).toHaveTextContent('resolved after 1.5 h');
    expect(
      within(rows[1]).getByRole('link', { name: /Deploy #1/ }),
    ).toHaveAttribute('href', 'https://ci.acme.test/runs/1');
    expect(rows[1]).toHaveTextContent('rework');
    expect(rows[2]).toHaveTextContent('failed');
    expect(within(rows[2]).queryByRole('link')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('opsdeck-timeline-item')).toHaveLength(4),
    );
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();

    // 90 days by default; choosing 30 asks for 30 whole UTC days ending at the next midnight
    const [, first] = getEntityDora.mock.calls[0] as any[];
    expect((Date.parse(first.to) - Date.parse(first.from)) / 86_400_000).toBe(
      90,
    );
    expect(screen.getByRole('button', { name: '90 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    fireEvent.click(screen.getByRole('button', { name: '30 days' }));
    await waitFor(() => expect(getEntityDora).toHaveBeenCalledTimes(2));
    const [, second] = getEntityDora.mock.calls[1] as any[];
    expect((Date.parse(second.to) - Date.parse(second.from)) / 86_400_000).toBe(
      30,
    );
    expect(getEntityEvents).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ from: second.from, to: second.to }),
    );
  });

  it('says where events come from when the window has none', async () => {
    await renderOnEntity(<EntityOpsDeckDeliveryContent />, {
      api: {
        getEntityDora: async () =>
          doraAnswer({ deployments: [], incidents: [] }),
        getEntityEvents: async () => ({ items: [] }),
      },
    });
    expect(
      await screen.findByTestId('opsdeck-timeline-empty'),
    ).toHaveTextContent('POST /api/opsdeck/events');
  });
});
