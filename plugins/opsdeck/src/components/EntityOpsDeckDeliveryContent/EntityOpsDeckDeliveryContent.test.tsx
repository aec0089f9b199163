/* eslint-disable no-script-url -- javascript: URLs are fed on purpose: they must never become links */
import { ProvenanceItem } from '@opsdeck/backstage-plugin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  doraAnswer,
  history,
  renderOnEntity,
} from '../../__testUtils__/fixtures';
import { formatInstant } from '../shared/format';
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
    const answer = {
      ...doraAnswer(history({ days: 180, perWeek: 7, failEvery: 5 })),
      derivedThrough: Date.UTC(2025, 11, 31, 9, 30),
      pendingEvents: 3,
    };
    const getEntityDora = jest.fn(async () => answer);
    const getEntityEvents = jest.fn(async (_ref: any, query: any) =>
      query.cursor
        ? {
            items: [
              item(3, {
                detail: {
                  environment: 'production',
                  status: 'success',
                  failed: true,
                  recovery: 'discarded',
                  why: {
                    failed: {
                      incidents: [{ key: 'pagerduty:PX1', by: 'causedBy' }],
                    },
                    recoveredBy: { incidents: ['pagerduty:PX1'] },
                    ignoredRollback: 'unknown-target',
                  },
                },
              }),
            ],
          }
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
                  why: {
                    sources: ['ci:1', 'argocd:shop@2025-12-29'],
                    firstShipped: ['abcdef0123456789'],
                  },
                },
              }),
              item(2, {
                url: 'javascript:alert(1)',
                detail: {
                  environment: 'production',
                  status: 'failure',
                  failed: true,
                  recovery: 1_800_000,
                  why: {
                    failed: { status: true, rolledBackBy: ['ci:1'] },
                    recoveredBy: { deployment: 'ci:1' },
                  },
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
    expect(screen.getByTestId('opsdeck-derived-through')).toHaveTextContent(
      `Counts events received until ${formatInstant(
        Date.UTC(2025, 11, 31, 9, 30),
      )} · 3 newer events are still being counted — reload in a moment.`,
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
    // its javascript: URL is no link; the pull request its title names is
    expect(
      within(rows[2]).queryByRole('link', { name: /Deploy #2/ }),
    ).not.toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('link', { name: /^#2\b/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/checkout/pull/2');
    // Why each deployment counts as it does.
    expect(rows[0]).not.toHaveTextContent('Failed:');
    expect(rows[1]).toHaveTextContent(
      'Shipped 1 change first (abcdef0): its lead time ends here.',
    );
    expect(rows[1]).toHaveTextContent(
      'One rollout reported by 2 tools: ci 1, argocd shop@2025-12-29; counted once.',
    );
    expect(rows[2]).toHaveTextContent(
      'Failed: its status was a failure; rolled back by ci 1.',
    );
    expect(rows[2]).toHaveTextContent(
      'Recovered after 30 min by the next successful deployment, ci 1.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('opsdeck-timeline-item')).toHaveLength(4),
    );
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    const last = screen.getAllByTestId('opsdeck-timeline-item')[3];
    expect(last).toHaveTextContent(
      'Failed: incident pagerduty PX1 names it as the cause.',
    );
    expect(last).toHaveTextContent(
      'Recovery left out of the median: it ended no later than the deployment itself when pagerduty PX1 was resolved.',
    );
    expect(last).toHaveTextContent(
      'Its rollbackOf was ignored: OpsDeck has no deployment with that id (yet).',
    );

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

  it('says whom to ask when the window has no events, and admins where events come from', async () => {
    await renderOnEntity(<EntityOpsDeckDeliveryContent />, {
      api: {
        getEntityDora: async () =>
          doraAnswer({ deployments: [], incidents: [] }),
        getEntityEvents: async () => ({ items: [] }),
      },
    });
    const empty = await screen.findByTestId('opsdeck-timeline-empty');
    expect(empty).toHaveTextContent(
      'No deployments or incidents in this window. Ask the platform team to connect your pipeline and incident tool if you expected some.',
    );
    expect(empty).not.toHaveTextContent('POST /api/opsdeck/events');
    const details = empty.nextElementSibling as HTMLElement;
    fireEvent.click(within(details).getByText('For admins'));
    expect(details).toHaveTextContent('POST /api/opsdeck/events');
  });
});
