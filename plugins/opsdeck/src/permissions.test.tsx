import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/test-utils';
import { act, screen, within } from '@testing-library/react';
import {
  computeEntityCoverage,
  summarizeScopeCoverage,
} from '@opsdeck/backstage-plugin-common';
import { doraAnswer, renderOnEntity } from './__testUtils__/fixtures';
import { EntityOpsDeckDoraCard } from './components/EntityOpsDeckDoraCard/EntityOpsDeckDoraCard';
import { EntityOpsDeckLinksCard } from './components/EntityOpsDeckLinksCard';
import { EntityOpsDeckOwnershipCard } from './components/EntityOpsDeckOwnershipCard';
import { OpsDeckPlatformPage } from './components/OpsDeckPlatformPage';
import { OpsDeckOrgPage } from './components/OpsDeckOrgPage';
import { OpsDeckAdminPage } from './components/OpsDeckAdminPage';

// What a signed-in user without `opsdeck.admin` and `opsdeck.access-request.decide` sees. One
// file for all of them: the permission hook caches answers per permission for a few seconds.
const denied = ['opsdeck.admin', 'opsdeck.access-request.decide'];

/** Lets the permission answers arrive: what is hidden must stay hidden after they have. */
const settle = () => act(() => new Promise(resolve => setTimeout(resolve, 50)));

const dataSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'data-platform',
    namespace: 'default',
    annotations: { 'opsdeck.io/platform-domain': 'data' },
  },
  spec: { owner: 'group:default/platform-data' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-data' }],
};

describe('without OpsDeck permissions', () => {
  it('offers no Approve or Reject, and says who decides', async () => {
    await renderOnEntity(<OpsDeckPlatformPage />, {
      api: {
        getEntityOnCall: async () => ({
          entityRef: 'group:default/platform-data',
          provider: null,
          levels: [],
          asOf: '2026-11-26T10:00:00Z',
          stale: false,
          error: {
            reason: 'no-oncall-annotation',
            message:
              'Add opsdeck.io/oncall-rotation to group:default/platform-data.',
          },
        }),
        listAccessRequests: async q =>
          q?.domain === 'data'
            ? [
                {
                  id: 'r1',
                  domain: 'data' as const,
                  resource: 'resource:default/postgres-main',
                  reason: 'Debug a migration',
                  requester: 'user:default/daniel',
                  approver: 'group:default/platform-data',
                  status: 'pending' as const,
                  createdAt: '2026-11-26T10:00:00Z',
                },
              ]
            : [],
      },
      catalog: [dataSystem],
      denied,
      // the golden paths' adoption asks the scaffolder for its runs: none here
      apis: [
        [discoveryApiRef, mockApis.discovery()],
        [
          fetchApiRef,
          {
            fetch: async () => ({
              ok: true,
              status: 200,
              json: async () => ({ tasks: [], totalTasks: 0 }),
            }),
          },
        ],
      ],
    });
    const access = await screen.findByTestId('opsdeck-access-data');
    const request = await within(access).findByTestId('opsdeck-access-request');
    await settle();
    expect(request).toHaveTextContent(
      'Waiting for a member of platform-data to decide',
    );
    expect(within(request).queryByRole('button')).not.toBeInTheDocument();
    // anyone may still ask
    expect(
      within(access).getByRole('button', { name: 'Request access' }),
    ).toBeInTheDocument();

    // the domain's on-call: a plain message naming whom to ask, no backend detail
    const data = screen.getByTestId('opsdeck-domain-data');
    expect(
      await within(data).findByTestId('opsdeck-oncall-error'),
    ).toHaveTextContent(
      'On-call for this domain is not set up yet — ask platform-data.',
    );
    expect(data).not.toHaveTextContent('opsdeck.io/oncall-rotation');
    expect(screen.queryByText('For admins')).not.toBeInTheDocument();
    // and the empty parts of a domain say whom to ask, not which annotation to add
    const network = screen.getByTestId('opsdeck-domain-network');
    expect(network).toHaveTextContent('Ask the platform team');
    expect(network).not.toHaveTextContent('opsdeck.io/platform-domain');
  });

  it('shows no "For admins" part on the cards', async () => {
    await renderOnEntity(
      <>
        <EntityOpsDeckDoraCard />
        <EntityOpsDeckLinksCard />
        <EntityOpsDeckOwnershipCard />
      </>,
      {
        api: {
          getEntityDora: async () =>
            doraAnswer({ deployments: [], incidents: [] }),
          getEntityOwnership: async () => ({
            entityRef: 'component:default/bare',
            parents: [],
            oncall: {
              entityRef: 'component:default/bare',
              provider: null,
              levels: [],
              asOf: '2026-11-26T10:00:00Z',
              stale: false,
              error: {
                reason: 'no-oncall-annotation',
                message: 'Add pagerduty.com/service-id.',
              },
            },
          }),
          getOnCallShifts: async () => ({
            provider: null,
            items: [],
            asOf: '',
            stale: false,
          }),
        },
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'bare', namespace: 'default' },
          spec: { type: 'service', lifecycle: 'production' },
        },
        denied,
      },
    );
    expect(
      await screen.findByTestId('opsdeck-dora-deploymentFrequency-reason'),
    ).toHaveTextContent('No deployments received yet.');
    expect(await screen.findByTestId('opsdeck-no-owner')).toBeInTheDocument();
    await settle();
    expect(screen.getByTestId('opsdeck-links-empty')).toHaveTextContent(
      'No links yet. Ask the platform team',
    );
    expect(screen.queryByText('For admins')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('POST /api/opsdeck/events');
    expect(document.body).not.toHaveTextContent('pagerduty.com/service-id');
    expect(document.body).not.toHaveTextContent('spec.owner');
  });

  it("keeps the org page's annotations from them", async () => {
    const coverage = summarizeScopeCoverage({ type: 'org' }, [
      computeEntityCoverage('component:default/bare', {
        kind: 'Component',
        metadata: {},
        spec: {},
      }),
    ]);
    await renderOnEntity(<OpsDeckOrgPage />, {
      api: {
        getOrgDora: async () => ({
          ...doraAnswer({ deployments: [], incidents: [] }),
          scope: { type: 'org' as const, services: 1 },
        }),
        getOrgServices: async () => {
          throw new Error('not now');
        },
        getOrgCoverage: async () => coverage,
      },
      denied: ['opsdeck.admin'],
    });
    const fixes = await screen.findByTestId('opsdeck-integration-fixes');
    expect(fixes).toHaveTextContent(
      'Owner — missing on 1 service: name the team that owns it in the catalog.',
    );
    await settle();
    expect(screen.queryByText('For admins')).not.toBeInTheDocument();
    expect(screen.getByTestId('opsdeck-coverage-matrix')).toHaveTextContent(
      'no owner',
    );
    expect(document.body).not.toHaveTextContent('pagerduty.com/service-id');
    // no way into the administration page
    expect(
      screen.queryByRole('link', { name: 'Administration' }),
    ).not.toBeInTheDocument();
  });

  it('the administration page says which permission it needs, offers no Start and asks for no runs', async () => {
    const listBackfillRuns = jest.fn(async () => []);
    const startBackfill = jest.fn();
    await renderOnEntity(<OpsDeckAdminPage />, {
      api: { listBackfillRuns, startBackfill },
      denied,
    });
    expect(
      await screen.findByTestId('opsdeck-backfill-not-allowed'),
    ).toHaveTextContent(
      'Seeing and starting backfills needs the opsdeck.admin permission, which your account does not hold.',
    );
    await settle();
    expect(
      screen.queryByRole('button', { name: 'Start' }),
    ).not.toBeInTheDocument();
    expect(listBackfillRuns).not.toHaveBeenCalled();
  });
});
