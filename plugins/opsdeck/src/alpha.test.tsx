import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  computeEntityCoverage,
  summarizeScopeCoverage,
} from '@opsdeck/backstage-plugin-common';
import { screen } from '@testing-library/react';
import plugin, {
  opsDeckAdminPage,
  opsDeckCoverageEntityCard,
  opsDeckGlossaryPage,
  opsDeckDeliveryEntityContent,
  opsDeckDoraEntityCard,
  opsDeckOnboardingPage,
  opsDeckOrgPage,
  opsDeckPlatformPage,
  opsDeckSloEntityCard,
  opsDeckTeamEntityContent,
} from './alpha';
import { opsDeckApiRef } from './api/OpsDeckApi';
import { checkout, doraAnswer, history } from './__testUtils__/fixtures';
import {
  answerOf,
  everyLookback,
  objectiveOf,
  sloOf,
} from './components/EntityOpsDeckSloCard/sloFixtures';

const answer = doraAnswer(history({ days: 180, perWeek: 14 }));
const api = {
  getEntityDora: async () => answer,
  getEntityEvents: async () => ({ items: [] }),
  getEntityCoverage: async () =>
    computeEntityCoverage('component:default/checkout', checkout),
  getOrgDora: async () => ({
    ...answer,
    scope: { type: 'org' as const, services: 1 },
  }),
  getOrgServices: async () => ({
    scope: { type: 'org' as const },
    window: answer.current.window,
    benchmark: 'dora-2023',
    services: [],
  }),
  getOrgCoverage: async () => summarizeScopeCoverage({ type: 'org' }, []),
  getOrgSlo: async () => ({
    items: [],
    counts: { exhausted: 0, burning: 0, healthy: 0, 'no-data': 0, 'no-slo': 0 },
    stale: false,
  }),
  getEntitySlo: async () =>
    answerOf([
      sloOf([
        objectiveOf({
          window: { good: 9_995_000, total: 10_000_000 },
          lookbacks: everyLookback({ good: 1000, total: 1000 }),
        }),
      ]),
    ]),
};
const apis = [
  [opsDeckApiRef, api],
  [catalogApiRef, catalogApiMock({ entities: [] })],
] as const;

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
};

const perDay = `${answer.current.deploymentFrequency.value!.toFixed(1)} / day`;

describe('OpsDeck in the new frontend system (/alpha)', () => {
  it('offers the cards, tabs, page and API as extensions of the opsdeck plugin', () => {
    expect(plugin.id).toBe('opsdeck');
    expect(
      [
        opsDeckDoraEntityCard,
        opsDeckSloEntityCard,
        opsDeckCoverageEntityCard,
        opsDeckDeliveryEntityContent,
        opsDeckTeamEntityContent,
        opsDeckOrgPage,
        opsDeckPlatformPage,
      ].map(e => String(e)),
    ).toEqual([
      'ExtensionDefinition{kind=entity-card,name=dora,attachTo=entity-content:catalog/overview@cards}',
      'ExtensionDefinition{kind=entity-card,name=slo,attachTo=entity-content:catalog/overview@cards}',
      'ExtensionDefinition{kind=entity-card,name=coverage,attachTo=entity-content:catalog/overview@cards}',
      'ExtensionDefinition{kind=entity-content,name=delivery,attachTo=page:catalog/entity@contents}',
      'ExtensionDefinition{kind=entity-content,name=operations,attachTo=page:catalog/entity@contents}',
      'ExtensionDefinition{kind=page,attachTo=app/routes@routes}',
      'ExtensionDefinition{kind=page,name=platform,attachTo=app/routes@routes}',
    ]);
  });

  it('the DORA card extension shows the API data for the entity', async () => {
    const tester = createExtensionTester(opsDeckDoraEntityCard, { apis });
    renderInTestApp(
      <EntityProvider entity={checkout}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis, mountedRoutes },
    );
    expect(
      await screen.findByTestId(
        'opsdeck-dora-deploymentFrequency-value',
        {},
        { timeout: 10_000 },
      ),
    ).toHaveTextContent(perDay);
  });

  it('the SLO card extension shows the SLOs of a Component, and only of Components', async () => {
    const tester = createExtensionTester(opsDeckSloEntityCard, { apis });
    renderInTestApp(
      <EntityProvider entity={checkout}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis, mountedRoutes },
    );
    expect(
      await screen.findByTestId('opsdeck-slo-sli', {}, { timeout: 10_000 }),
    ).toHaveTextContent('99.95 %');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(checkout)).toBe(true);
    expect(filter?.({ ...checkout, kind: 'System' })).toBe(false);
  });

  it('the Delivery tab extension is a Component tab at /delivery and shows the metrics', async () => {
    const tester = createExtensionTester(opsDeckDeliveryEntityContent, {
      apis,
    });
    renderInTestApp(
      <EntityProvider entity={checkout}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis, mountedRoutes },
    );
    expect(
      await screen.findByTestId(
        'opsdeck-dora-deploymentFrequency-value',
        {},
        { timeout: 10_000 },
      ),
    ).toHaveTextContent(perDay);
    expect(
      await screen.findByTestId(
        'opsdeck-timeline-empty',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('the coverage card extension shows the coverage', async () => {
    const tester = createExtensionTester(opsDeckCoverageEntityCard, { apis });
    renderInTestApp(
      <EntityProvider entity={checkout}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis, mountedRoutes },
    );
    expect(
      await screen.findByTestId(
        'opsdeck-coverage-percent',
        {},
        { timeout: 10_000 },
      ),
    ).toHaveTextContent('37%');
  });

  it('the org page extension renders the org overview at /opsdeck', async () => {
    const tester = createExtensionTester(opsDeckOrgPage, { apis });
    renderInTestApp(tester.reactElement(), { apis, mountedRoutes });
    expect(
      await screen.findByTestId(
        'opsdeck-dora-mttr-value',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Delivery & operations').length).toBeGreaterThan(
      0,
    );
  });

  it('the platform page extension shows the domains from the catalog', async () => {
    const platformApis = [
      [opsDeckApiRef, { ...api, listAccessRequests: async () => [] }],
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: {
                name: 'postgres-main',
                namespace: 'default',
                title: 'PostgreSQL cluster',
                annotations: { 'opsdeck.io/platform-domain': 'data' },
              },
              spec: {},
            },
          ],
        }),
      ],
    ] as const;
    const tester = createExtensionTester(opsDeckPlatformPage, {
      apis: platformApis,
    });
    renderInTestApp(tester.reactElement(), {
      apis: platformApis,
      mountedRoutes,
    });
    const data = await screen.findByTestId(
      'opsdeck-domain-data',
      {},
      { timeout: 10_000 },
    );
    expect(data).toHaveTextContent('PostgreSQL cluster');
  });

  it('the glossary page extension explains the words the cards use', async () => {
    expect(String(opsDeckGlossaryPage)).toBe(
      'ExtensionDefinition{kind=page,name=glossary,attachTo=app/routes@routes}',
    );
    const tester = createExtensionTester(opsDeckGlossaryPage, { apis });
    renderInTestApp(tester.reactElement(), { apis, mountedRoutes });
    expect(
      await screen.findByText('Recovery time vs MTTR', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });

  it('the admin page extension shows the backfill runs at /opsdeck/admin', async () => {
    expect(String(opsDeckAdminPage)).toBe(
      'ExtensionDefinition{kind=page,name=admin,attachTo=app/routes@routes}',
    );
    const adminApis = [
      [
        opsDeckApiRef,
        {
          ...api,
          listBackfillRuns: async () => [
            {
              id: 'r1',
              days: 90,
              startedAt: '2026-11-26T10:00:00Z',
              status: 'running' as const,
              progress: { done: 3, total: 4, etaSeconds: 20 },
              sources: [],
            },
          ],
        },
      ],
      [catalogApiRef, catalogApiMock({ entities: [] })],
    ] as const;
    const tester = createExtensionTester(opsDeckAdminPage, {
      apis: adminApis,
    });
    renderInTestApp(tester.reactElement(), {
      apis: adminApis,
      mountedRoutes,
    });
    expect(
      await screen.findByTestId(
        'opsdeck-backfill-progress',
        {},
        { timeout: 10_000 },
      ),
    ).toHaveTextContent('3 of 4 targets — less than a minute left');
  });

  it('the onboarding page extension shows the checklist', async () => {
    const onboardingApis = [
      [
        opsDeckApiRef,
        {
          ...api,
          getOnboardingProgress: async () => ({
            userRef: 'user:default/guest',
            steps: [
              { id: 'vpn', title: 'Get VPN access', links: [], done: true },
            ],
            done: 1,
            total: 1,
          }),
        },
      ],
      [catalogApiRef, catalogApiMock({ entities: [] })],
    ] as const;
    const tester = createExtensionTester(opsDeckOnboardingPage, {
      apis: onboardingApis,
    });
    renderInTestApp(tester.reactElement(), {
      apis: onboardingApis,
      mountedRoutes,
    });
    expect(
      await screen.findByText('1 of 1 done', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('You are not in a team yet')).toBeInTheDocument();
  });
});
