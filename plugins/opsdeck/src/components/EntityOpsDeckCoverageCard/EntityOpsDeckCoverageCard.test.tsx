import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { computeEntityCoverage } from '@opsdeck/backstage-plugin-common';
import { screen, within } from '@testing-library/react';
import { OpsDeckApi, opsDeckApiRef } from '../../api/OpsDeckApi';
import { EntityOpsDeckCoverageCard } from './EntityOpsDeckCoverageCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'acme/checkout' },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

function renderCard(api: Partial<OpsDeckApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[opsDeckApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityOpsDeckCoverageCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityOpsDeckCoverageCard', () => {
  it('shows the percentage, what is present, and how to add what is missing', async () => {
    const getEntityCoverage = jest.fn(async () =>
      computeEntityCoverage('component:default/checkout', entity),
    );
    await renderCard({ getEntityCoverage });

    // owner + deployments + ci = 3 of 8
    expect(await screen.findByText('37%')).toBeInTheDocument();
    expect(screen.getByText('3 of 8 integrations')).toBeInTheDocument();
    const ci = screen.getByTestId('opsdeck-coverage-ci');
    expect(within(ci).getByText('github.com/project-slug')).toBeInTheDocument();
    expect(within(ci).getByTitle('present')).toBeInTheDocument();
    const oncall = screen.getByTestId('opsdeck-coverage-oncall');
    expect(within(oncall).getByTitle('missing')).toBeInTheDocument();
    expect(
      within(oncall).getByText('pagerduty.com/service-id'),
    ).toBeInTheDocument();
    expect(getEntityCoverage).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
  });

  it('says in words where inherited on-call and received events come from', async () => {
    await renderCard({
      getEntityCoverage: async () =>
        computeEntityCoverage('component:default/checkout', entity, {
          onCallFrom: 'system:default/payments',
          received: { deployments: true, incidents: true },
        }),
    });
    const oncall = await screen.findByTestId('opsdeck-coverage-oncall');
    expect(within(oncall).getByTitle('present')).toBeInTheDocument();
    expect(
      within(oncall).getByTestId('opsdeck-coverage-evidence'),
    ).toHaveTextContent(/^from payments$/);
    expect(
      within(oncall).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments');
    expect(oncall).not.toHaveTextContent('inherited:');
    expect(
      within(screen.getByTestId('opsdeck-coverage-incidents')).getByTestId(
        'opsdeck-coverage-evidence',
      ),
    ).toHaveTextContent(/^events received$/);
    // an annotation key stays, in code style
    const ci = screen.getByTestId('opsdeck-coverage-ci');
    expect(within(ci).getByText('github.com/project-slug').tagName).toBe(
      'CODE',
    );
  });

  it("shows the backend's error instead of an empty card", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'No entity component:default/checkout',
        },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderCard({ getEntityCoverage: async () => Promise.reject(error) });
    expect(
      (await screen.findAllByText(/No entity component:default\/checkout/))[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('opsdeck-coverage-percent'),
    ).not.toBeInTheDocument();
  });
});
