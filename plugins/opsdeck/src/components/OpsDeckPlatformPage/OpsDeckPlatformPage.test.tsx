/* eslint-disable no-script-url -- a javascript: link in the catalog must never become a link */
import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderOnEntity } from '../../__testUtils__/fixtures';
import { OpsDeckPlatformPage } from './OpsDeckPlatformPage';
import { createFromTemplateRouteRef } from '../../routes';

const annotated = (
  kind: string,
  name: string,
  domain: string,
  extra: Partial<Entity['metadata']> = {},
  spec: object = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    ...extra,
    annotations: { 'opsdeck.io/platform-domain': domain, ...extra.annotations },
  },
  spec,
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-data' }],
});

const created = (name: string, owner: string, template: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/source-template': template },
  },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

const catalog: Entity[] = [
  annotated('Group', 'platform-data', 'data', {
    title: 'Platform · Data',
    links: [
      {
        url: 'https://wiki.acme.test/data',
        title: 'Data handbook',
        type: 'docs',
      },
      { url: 'javascript:alert(1)', title: 'Sneaky' },
    ],
  }),
  annotated('System', 'data-platform', 'data', {
    title: 'Data platform',
    links: [
      {
        url: 'https://desk.acme.test/data/new',
        title: 'Request a database',
        type: 'request',
      },
    ],
  }),
  annotated('Resource', 'postgres-main', 'data', {
    title: 'PostgreSQL cluster',
    description: 'Shared PostgreSQL 15',
  }),
  annotated('Resource', 'kafka-events', 'data', { title: 'Kafka cluster' }),
  annotated('Template', 'postgres-database', 'data', {
    title: 'PostgreSQL database',
    description: 'A database on the shared cluster',
  }),
  annotated('Template', 'kafka-topic', 'data', { title: 'Kafka topic' }),
  annotated('Component', 'grafana', 'observability', { title: 'Grafana' }),
  created('orders-db', 'payments', 'template:default/postgres-database'),
  created('ledger-db', 'payments', 'postgres-database'),
  created('catalog-db', 'storefront', 'template:default/postgres-database'),
];

const getEntityOnCall = jest.fn(async () => ({
  entityRef: 'group:default/platform-data',
  provider: 'opsgenie',
  levels: [
    {
      level: 1,
      people: [{ name: 'Mei Chen', userRef: 'user:default/mei.chen' }],
    },
  ],
  asOf: '2026-11-26T10:00:00Z',
  stale: false,
}));

const pending = {
  id: 'r1',
  domain: 'data' as const,
  resource: 'resource:default/postgres-main',
  reason: 'Debug a migration',
  requester: 'user:default/nina',
  approver: 'group:default/platform-data',
  status: 'pending' as const,
  createdAt: '2026-11-26T10:00:00Z',
};
const listAccessRequests = jest.fn(async (q?: { domain?: string }) =>
  q?.domain === 'data' ? [pending] : [],
);

/** The scaffolder's `GET /v2/tasks`, answering with the given tasks (none by default). */
const scaffolder = (
  fetch: (url: string) => Promise<unknown> = async () => ({
    ok: true,
    status: 200,
    json: async () => ({ tasks: [], totalTasks: 0 }),
  }),
) =>
  [
    [discoveryApiRef, mockApis.discovery()],
    [fetchApiRef, { fetch }],
  ] as const;

jest.setTimeout(30_000);

describe('OpsDeckPlatformPage', () => {
  it("links Create to the scaffolder's form wherever the app binds it", async () => {
    await renderOnEntity(<OpsDeckPlatformPage />, {
      api: { getEntityOnCall, listAccessRequests },
      catalog,
      apis: [...scaffolder()],
      routes: {
        '/golden-paths/:namespace/:templateName': createFromTemplateRouteRef,
      },
    });
    const data = await screen.findByTestId('opsdeck-domain-data');
    const postgres = within(data)
      .getAllByTestId('opsdeck-golden-path')
      .find(p => p.textContent?.includes('PostgreSQL database'))!;
    expect(
      within(postgres)
        .getByLabelText('Create: PostgreSQL database')
        .closest('a'),
    ).toHaveAttribute('href', '/golden-paths/default/postgres-database');
  });

  it("shows each domain's team and on-call, offers, golden paths with adoption, and its links", async () => {
    await renderOnEntity(<OpsDeckPlatformPage />, {
      api: { getEntityOnCall, listAccessRequests },
      catalog,
      apis: [...scaffolder()],
    });
    const data = await screen.findByTestId('opsdeck-domain-data');
    expect(
      within(data).getByRole('link', { name: 'Platform · Data' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform-data');
    expect(await within(data).findByText('Mei Chen')).toBeInTheDocument();
    expect(
      within(data).getByRole('link', { name: 'PostgreSQL cluster' }),
    ).toBeInTheDocument();
    expect(within(data).getByText(/Shared PostgreSQL 15/)).toBeInTheDocument();

    const paths = within(data).getAllByTestId('opsdeck-golden-path');
    expect(paths).toHaveLength(2);
    const postgres = paths.find(p =>
      p.textContent?.includes('PostgreSQL database'),
    )!;
    expect(
      within(postgres).getByTestId('opsdeck-golden-path-adoption'),
    ).toHaveTextContent('used by 3 entities');
    expect(
      within(postgres)
        .getByLabelText('Create: PostgreSQL database')
        .closest('a'),
    ).toHaveAttribute('href', '/create/templates/default/postgres-database');
    const kafka = paths.find(p => p.textContent?.includes('Kafka topic'))!;
    expect(kafka).toHaveTextContent('used by 0 entities');
    expect(kafka).toHaveTextContent('not used yet');

    const links = within(data).getByTestId('opsdeck-domain-links');
    expect(
      within(links).getByRole('link', { name: /Data handbook/ }),
    ).toHaveAttribute('href', 'https://wiki.acme.test/data');
    expect(
      within(links).getByRole('link', { name: /Request a database/ }),
    ).toBeInTheDocument();
    expect(within(links).queryByText('Sneaky')).not.toBeInTheDocument();

    // a domain with nothing in the catalog says whom to ask; admins read how to fill it
    const network = screen.getByTestId('opsdeck-domain-network');
    expect(
      within(network).getByTestId('opsdeck-domain-no-owner'),
    ).toHaveTextContent(
      'No team runs this domain yet, so nobody decides its access requests. Ask the platform team.',
    );
    expect(network).toHaveTextContent(
      'Nothing listed yet. Ask the platform team what it offers.',
    );
    const offersFix = within(network).getByTestId('opsdeck-domain-offers-fix');
    fireEvent.click(within(offersFix).getByText('For admins'));
    expect(offersFix).toHaveTextContent('opsdeck.io/platform-domain: network');
  });

  it("lists a domain's access requests, asks for one and lets the team decide", async () => {
    const createAccessRequest = jest.fn(async (r: any) => ({
      ...pending,
      ...r,
      id: 'r2',
    }));
    const decideAccessRequest = jest.fn(async () => ({
      ...pending,
      status: 'approved' as const,
    }));
    await renderOnEntity(<OpsDeckPlatformPage />, {
      api: {
        getEntityOnCall,
        listAccessRequests,
        createAccessRequest,
        decideAccessRequest,
      },
      catalog,
      apis: [...scaffolder()],
    });
    const access = await screen.findByTestId('opsdeck-access-data');
    const request = await within(access).findByTestId('opsdeck-access-request');
    // the requester and the resource by name, linked to the catalog
    expect(request).toHaveTextContent(
      'nina → postgres-main: Debug a migration',
    );
    expect(
      within(request).getByRole('link', { name: 'postgres-main' }),
    ).toHaveAttribute('href', '/catalog/default/resource/postgres-main');
    expect(request).toHaveTextContent('Debug a migration');
    expect(request).toHaveTextContent('pending');
    fireEvent.click(within(request).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(decideAccessRequest).toHaveBeenCalledWith('r1', { approve: true }),
    );

    fireEvent.click(
      within(access).getByRole('button', { name: 'Request access' }),
    );
    fireEvent.change(await screen.findByLabelText(/Resource/), {
      target: { value: 'resource:default/kafka-events' },
    });
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Consume order events' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    await waitFor(() =>
      expect(createAccessRequest).toHaveBeenCalledWith({
        domain: 'data',
        resource: 'resource:default/kafka-events',
        reason: 'Consume order events',
      }),
    );
  });

  it('searches across domains, offers and golden paths', async () => {
    await renderOnEntity(<OpsDeckPlatformPage />, {
      api: { getEntityOnCall, listAccessRequests },
      catalog,
      apis: [...scaffolder()],
    });
    await screen.findByTestId('opsdeck-domain-data');
    const search = screen.getByLabelText(
      'Search domains, offers and golden paths',
    );
    fireEvent.change(search, { target: { value: 'kafka' } });
    const data = screen.getByTestId('opsdeck-domain-data');
    expect(within(data).getByText('Kafka cluster')).toBeInTheDocument();
    expect(
      within(data).queryByText('PostgreSQL cluster'),
    ).not.toBeInTheDocument();
    expect(within(data).getAllByTestId('opsdeck-golden-path')).toHaveLength(1);
    expect(
      screen.queryByTestId('opsdeck-domain-observability'),
    ).not.toBeInTheDocument();

    fireEvent.change(search, { target: { value: 'observ' } });
    expect(
      screen.getByTestId('opsdeck-domain-observability'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('opsdeck-domain-data')).not.toBeInTheDocument();

    fireEvent.change(search, { target: { value: 'nothing-like-this' } });
    expect(screen.getByTestId('opsdeck-platform-empty')).toHaveTextContent(
      'nothing-like-this',
    );
  });

  it('shows who adopted each golden path, by team, and its completed runs per week from the scaffolder', async () => {
    const now = Date.now();
    const task = (
      template: string,
      createdAt: number,
      status = 'completed',
    ) => ({
      id: `t${createdAt}-${template}`,
      spec: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        steps: [],
        output: {},
        parameters: {},
        templateInfo: { entityRef: template },
      },
      status,
      createdAt: new Date(createdAt).toISOString(),
      lastHeartbeatAt: new Date(createdAt + 5_000).toISOString(),
      createdBy: 'user:default/nina',
    });
    // GET /v2/tasks as the scaffolder answers it: { tasks: SerializedTask[], totalTasks }
    const tasks = [
      task('template:default/postgres-database', now),
      task('template:default/postgres-database', now - 7 * 86_400_000),
      task('template:default/postgres-database', now - 7 * 86_400_000),
      task('template:default/postgres-database', now - 7 * 86_400_000),
      task(
        'template:default/postgres-database',
        now - 8 * 86_400_000,
        'failed',
      ),
      task('template:default/kafka-topic', now - 14 * 86_400_000),
      task('template:default/postgres-database', now - 100 * 86_400_000),
    ];
    const fetch = jest.fn(async (_url: string) => ({
      ok: true,
      status: 200,
      json: async () => ({ tasks, totalTasks: tasks.length }),
    }));
    await renderOnEntity(<OpsDeckPlatformPage />, {
      api: { getEntityOnCall, listAccessRequests },
      catalog,
      apis: [...scaffolder(fetch)],
    });
    const data = await screen.findByTestId('opsdeck-domain-data');
    const postgres = within(data)
      .getAllByTestId('opsdeck-golden-path')
      .find(p => p.textContent?.includes('PostgreSQL database'))!;
    // by owning team, biggest first, each entity linked
    const teams = await within(postgres).findAllByTestId(
      'opsdeck-golden-path-team',
    );
    expect(teams.map(team => team.textContent)).toEqual([
      'payments: 2 · orders-db, ledger-db',
      'storefront: 1 · catalog-db',
    ]);
    expect(
      within(teams[0]).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(
      within(teams[0]).getByRole('link', { name: 'ledger-db' }),
    ).toHaveAttribute('href', '/catalog/default/component/ledger-db');

    // completed runs of this template per ISO week, the current week last
    const runs = await within(postgres).findByTestId(
      'opsdeck-golden-path-runs',
    );
    expect(runs).toHaveTextContent('4 completed runs in the last 12 weeks');
    expect(
      within(runs).getByRole('img', { name: /^Completed runs per week/ }),
    ).toHaveAccessibleName(
      `Completed runs per week, oldest first: ${[
        ...Array(10).fill(0),
        3,
        1,
      ].join(', ')}`,
    );
    const kafka = within(data)
      .getAllByTestId('opsdeck-golden-path')
      .find(p => p.textContent?.includes('Kafka topic'))!;
    expect(
      await within(kafka).findByTestId('opsdeck-golden-path-runs'),
    ).toHaveTextContent('1 completed run in the last 12 weeks');
    expect(screen.getByTestId('opsdeck-adoption-note')).toHaveTextContent(
      'The trend counts runs, not entities: the catalog keeps no creation times.',
    );
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/scaffolder/v2/tasks');
    expect(url.searchParams.get('status')).toBe('completed');
    expect(url.searchParams.get('order')).toBe('desc:created_at');
  });

  it('says when the scaffolder cannot tell how often the golden paths ran', async () => {
    const fetch = jest.fn(async () => new Response('{}', { status: 403 }));
    await renderOnEntity(<OpsDeckPlatformPage />, {
      api: { getEntityOnCall, listAccessRequests },
      catalog,
      apis: [...scaffolder(fetch)],
      denied: ['opsdeck.admin'],
    });
    expect(
      await screen.findByText(
        'How often the golden paths ran could not be read from the scaffolder.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('opsdeck-golden-path-runs')).toBeNull();
    // adoption by team does not depend on it
    expect(
      (await screen.findAllByTestId('opsdeck-golden-path-team')).length,
    ).toBeGreaterThan(0);
  });
});
