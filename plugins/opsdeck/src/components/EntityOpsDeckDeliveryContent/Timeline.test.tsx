/* eslint-disable no-script-url -- javascript: URLs are fed on purpose: they must never become links */
import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { ProvenanceItem } from '@opsdeck/backstage-plugin-common';
import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { OpsDeckApi, opsDeckApiRef } from '../../api/OpsDeckApi';
import {
  checkout,
  doraAnswer,
  history,
  mountedRoutes,
  permissionsWithout,
} from '../../__testUtils__/fixtures';
import { EntityOpsDeckDeliveryContent } from './EntityOpsDeckDeliveryContent';
import { formatDayRange } from '../shared/format';

const HOUR = 3_600_000;
const NOV_30 = Date.UTC(2025, 10, 30, 12);

/** A commit SHA of its own for each deployment id ("x2" → "7832000000ab"). */
const shaOf = (id: string) =>
  `${Buffer.from(id).toString('hex').padEnd(10, '0')}ab`;

/** A deployment `hoursAgo` before 30 Nov 12:00 UTC; successful in production unless told. */
const deploy = (
  id: string,
  hoursAgo: number,
  detail: Record<string, unknown> = {},
  extra: Partial<ProvenanceItem> = {},
): ProvenanceItem => ({
  type: 'deployment',
  key: `ci:${id}`,
  source: 'ci',
  id,
  time: NOV_30 - hoursAgo * HOUR,
  title: `Deploy ${id}`,
  url: `https://ci.acme.test/runs/${id}`,
  detail: {
    environment: 'production',
    status: 'success',
    failed: false,
    changes: [{ sha: shaOf(id), time: 0 }],
    ...detail,
  },
  ...extra,
});

const incident = (id: string, hoursAgo: number): ProvenanceItem => ({
  type: 'incident',
  key: `pd:${id}`,
  source: 'pd',
  id,
  time: NOV_30 - hoursAgo * HOUR,
  title: `Incident ${id}`,
  detail: { severity: 'P2', openedAt: 0, resolvedAt: HOUR },
});

// computed once: OpsDeck's own math over a quarter of history takes a moment
const DORA = doraAnswer(history({ days: 90, perWeek: 7 }));

/** Shows where the page is, as the browser's address bar would. */
function Address() {
  const { search } = useLocation();
  return <output data-testid="address">{search}</output>;
}

async function render(options: {
  items: ProvenanceItem[] | ((query: any) => ProvenanceItem[]);
  entity?: Entity;
  route?: string;
}) {
  const getEntityEvents = jest.fn(async (_ref: any, query: any) => ({
    items:
      typeof options.items === 'function'
        ? options.items(query)
        : options.items,
  }));
  const api: Partial<OpsDeckApi> = {
    getEntityDora: async () => DORA,
    getEntityEvents,
  };
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [opsDeckApiRef, api],
        [catalogApiRef, catalogApiMock()],
        [configApiRef, mockApis.config()],
        [permissionApiRef, permissionsWithout()],
      ]}
    >
      <EntityProvider entity={options.entity ?? checkout}>
        <EntityOpsDeckDeliveryContent />
        <Address />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes, routeEntries: [options.route ?? '/'] },
  );
  return { rendered, getEntityEvents };
}

const withAnnotations = (annotations: Record<string, string>): Entity => ({
  ...checkout,
  metadata: { ...checkout.metadata, annotations },
});

jest.setTimeout(30_000);
// the whole tab renders (tiles, six charts) before the timeline: give it time on a busy machine
configure({ asyncUtilTimeout: 5_000 });

describe('Delivery timeline', () => {
  it('folds runs of alike deployments into one row; failures, rollbacks and incidents stand alone', async () => {
    const items = [
      ...[1, 2, 3, 4, 5].map(i => deploy(`a${i}`, i * 20)),
      deploy('f1', 120, { status: 'failure', failed: true }),
      deploy('b1', 130),
      deploy('b2', 140),
      deploy('r1', 150, { rollbackOf: 'ci:x' }),
      incident('i1', 160),
      deploy('s1', 170, { environment: 'staging' }),
      deploy('p1', 180),
    ];
    await render({ items });
    const runs = await screen.findAllByTestId('opsdeck-timeline-run');
    expect(runs).toHaveLength(2);
    expect(runs[0]).toHaveTextContent(
      `5 deployments to production, all successful, ${formatDayRange(
        items[4].time,
        items[0].time,
      )}`.replace(/\s+/g, ' '),
    );
    expect(runs[1]).toHaveTextContent(
      '2 deployments to production, all successful',
    );
    // what stands alone, in order: the failure, the rollback, the incident, and two singles
    expect(
      screen
        .getAllByTestId('opsdeck-timeline-item')
        .map(r => r.getAttribute('data-kind')),
    ).toEqual([
      'deployment',
      'rollback',
      'incident',
      'deployment',
      'deployment',
    ]);
    expect(screen.getByText('Deploy f1')).toBeInTheDocument();
    expect(screen.queryByText('Deploy a3')).not.toBeInTheDocument();

    // a run opens to show each of its deployments
    const toggle = within(runs[0]).getByRole('button', { expanded: false });
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(
      within(runs[0]).getAllByTestId('opsdeck-timeline-item'),
    ).toHaveLength(5);
    expect(
      within(runs[0]).getByRole('link', { name: /^Deploy a3\b/ }),
    ).toHaveAttribute('href', 'https://ci.acme.test/runs/a3');
  });

  it('links each deployment to its pipeline run, its commit and the pull request its title names — http(s) only', async () => {
    const items = [
      deploy(
        'x1',
        1,
        {
          status: 'failure',
          failed: true,
          commit: { sha: 'abcdef0123456789abcdef0123456789abcdef01' },
        },
        { title: 'Merge pull request #123 from acme/fix-cart' },
      ),
      deploy(
        'x2',
        2,
        { status: 'failure', failed: true },
        { url: 'javascript:alert(1)', title: 'Deploy (#77)' },
      ),
    ];
    await render({ items });
    const [first, second] = await screen.findAllByTestId(
      'opsdeck-timeline-item',
    );
    expect(
      within(first).getByRole('link', { name: /Merge pull request #123/ }),
    ).toHaveAttribute('href', 'https://ci.acme.test/runs/x1');
    expect(
      within(first).getByRole('link', { name: /^abcdef0\b/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout/commit/abcdef0123456789abcdef0123456789abcdef01',
    );
    expect(
      within(first).getByRole('link', { name: /^#123\b/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/checkout/pull/123');
    expect(first).toHaveTextContent(/commit abcdef0.* · pull request #123/);
    // a javascript: run URL stays text
    expect(second).toHaveTextContent('Deploy (#77)');
    expect(
      within(second).queryByRole('link', { name: /Deploy/ }),
    ).not.toBeInTheDocument();
    // its commit is the newest change it shipped
    expect(
      within(second).getByRole('link', { name: /^7832000\b/ }),
    ).toHaveAttribute(
      'href',
      `https://github.com/acme/checkout/commit/${shaOf('x2')}`,
    );
    expect(
      within(second).getByRole('link', { name: /^#77\b/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/checkout/pull/77');
  });

  it('links commits and merge requests on GitLab, and shows a short SHA as text without a repository', async () => {
    const items = [
      deploy(
        'g1',
        1,
        { status: 'failure', failed: true },
        {
          title: 'Deploy !45',
        },
      ),
    ];
    await render({
      items,
      entity: withAnnotations({
        'gitlab.com/project-slug': 'acme/billing/invoices',
      }),
    });
    const row = await screen.findByTestId('opsdeck-timeline-item');
    expect(
      within(row).getByRole('link', { name: /^6731000\b/ }),
    ).toHaveAttribute(
      'href',
      `https://gitlab.com/acme/billing/invoices/-/commit/${shaOf('g1')}`,
    );
    expect(within(row).getByRole('link', { name: /^!45\b/ })).toHaveAttribute(
      'href',
      'https://gitlab.com/acme/billing/invoices/-/merge_requests/45',
    );
  });

  it('shows the commit as text when the service names no repository, or one that could leave the site', async () => {
    const repositories: Array<Record<string, string>> = [
      {},
      { 'github.com/project-slug': 'javascript:alert(1)//x' },
      { 'github.com/project-slug': '../../evil.test/x' },
    ];
    for (const annotations of repositories) {
      const { rendered } = await render({
        items: [
          deploy(
            'n1',
            1,
            { status: 'failure', failed: true },
            {
              title: 'Deploy #9',
            },
          ),
        ],
        entity: withAnnotations(annotations),
      });
      const row = await screen.findByTestId('opsdeck-timeline-item');
      expect(row).toHaveTextContent('commit 6e31000');
      expect(within(row).getAllByRole('link')).toHaveLength(1); // the pipeline run
      rendered.unmount();
    }
  });

  it('filters by type, and keeps the filter and the window in the URL', async () => {
    const all = [
      deploy('d1', 1),
      deploy('d2', 2, { status: 'failure', failed: true }),
      deploy('d3', 3, { rollbackOf: 'ci:d2' }),
      incident('i1', 4),
    ];
    const { getEntityEvents } = await render({
      items: query => all.filter(i => !query.type || i.type === query.type),
      route: '/?window=30&type=failures',
    });
    // the URL's window and filter, as a shared link or a reload brings them
    await screen.findByText('Deploy d2');
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const filters = screen.getByTestId('opsdeck-timeline-filter');
    expect(
      within(filters).getByRole('button', { name: 'Failures' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getAllByTestId('opsdeck-timeline-item')).toHaveLength(1);
    const [, query] = getEntityEvents.mock.calls[0] as any[];
    expect(query.type).toBe('deployment');
    expect((Date.parse(query.to) - Date.parse(query.from)) / 86_400_000).toBe(
      30,
    );

    fireEvent.click(within(filters).getByRole('button', { name: 'Rollbacks' }));
    await screen.findByText('Deploy d3');
    expect(screen.getAllByTestId('opsdeck-timeline-item')).toHaveLength(1);
    expect(screen.getByTestId('address')).toHaveTextContent(
      '?window=30&type=rollbacks',
    );

    fireEvent.click(within(filters).getByRole('button', { name: 'Incidents' }));
    await screen.findByText('Incident i1');
    expect(getEntityEvents).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ type: 'incident' }),
    );
    expect(screen.queryByText('Deploy d1')).not.toBeInTheDocument();

    // the window joins what is there; defaults leave the URL
    fireEvent.click(screen.getByRole('button', { name: '180 days' }));
    await waitFor(() =>
      expect(screen.getByTestId('address')).toHaveTextContent(
        '?window=180&type=incidents',
      ),
    );
    fireEvent.click(
      within(filters).getByRole('button', { name: 'Everything' }),
    );
    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    await screen.findByText('Deploy d1');
    expect(screen.getByTestId('address')).toBeEmptyDOMElement();
    expect(screen.getAllByTestId('opsdeck-timeline-item')).toHaveLength(4);
  });

  it('says when a filter finds nothing in the window', async () => {
    await render({ items: [deploy('ok', 1)], route: '/?type=failures' });
    expect(
      await screen.findByTestId('opsdeck-timeline-empty'),
    ).toHaveTextContent('Nothing under “Failures” in this window.');
  });
});
