import { Entity } from '@backstage/catalog-model';
import { ApiRef, configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  DAY_MS,
  DoraDeployment,
  DoraIncident,
  DoraMetrics,
  EntityDora,
  computeDoraMetrics,
  isoWeekBuckets,
  previousWindow,
} from '@opsdeck/backstage-plugin-common';
import { ReactNode } from 'react';
import { OpsDeckApi, opsDeckApiRef } from '../api/OpsDeckApi';
import { adminRouteRef, glossaryRouteRef, platformRouteRef } from '../routes';

export const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'acme/checkout' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

/** 1 Jan 2026 00:00 UTC: the end of the test window. */
export const TO = Date.UTC(2026, 0, 1);
export const WINDOW = { from: TO - 90 * DAY_MS, to: TO };

/**
 * A service's deployments: `perWeek` successful production deployments a week over the last
 * `days` days, every `failEvery`-th one failed and rolled back an hour later.
 */
export function history(options: {
  days: number;
  perWeek: number;
  failEvery?: number;
}) {
  const deployments: DoraDeployment[] = [];
  const incidents: DoraIncident[] = [];
  const step = (7 * DAY_MS) / options.perWeek;
  let i = 0;
  for (let t = TO - options.days * DAY_MS + step / 2; t < TO; t += step, i++) {
    const failed =
      options.failEvery !== undefined && i % options.failEvery === 0;
    deployments.push({
      key: `ci:${i}`,
      service: 'svc',
      environment: 'production',
      status: failed ? 'failure' : 'success',
      finishedAt: t,
      changes: [{ sha: `sha${i}`, time: t - 3 * 3_600_000 }],
      url: `https://ci.acme.test/runs/${i}`,
      title: `Deploy #${i}`,
    });
    if (failed) {
      deployments.push({
        key: `ci:${i}-fix`,
        service: 'svc',
        environment: 'production',
        status: 'success',
        finishedAt: t + 3_600_000,
        rollbackOf: `ci:${i}`,
      });
    }
  }
  return { deployments, incidents };
}

/** An entity DORA answer computed by OpsDeck's own math from a history. */
export function doraAnswer(input: ReturnType<typeof history>): EntityDora {
  const metrics = (w: { from: number; to: number }): DoraMetrics =>
    computeDoraMetrics(input, { window: w });
  const times = [
    ...input.deployments.flatMap(d => d.finishedAt ?? []),
    ...input.incidents.map(i => i.openedAt),
  ];
  return {
    entityRef: 'component:default/checkout',
    services: ['entity:component:default/checkout'],
    // The history's first event: windows are compared only when it precedes the previous one.
    firstEventAt: times.length ? Math.min(...times) : null,
    current: metrics(WINDOW),
    previous: metrics(previousWindow(WINDOW)),
    weekly: isoWeekBuckets(WINDOW).map(w => ({
      weekStart: w.weekStart,
      metrics: metrics(w),
    })),
  };
}

/**
 * A permission API that allows everything except the named permissions
 * (`opsdeck.admin`, `opsdeck.access-request.decide`, …).
 */
export function permissionsWithout(...denied: string[]) {
  return mockApis.permission({
    authorize: request =>
      denied.includes(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
}

/** Where the test app mounts OpsDeck's pages that the cards link to. */
export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/opsdeck/glossary': glossaryRouteRef,
  '/platform': platformRouteRef,
  '/opsdeck/admin': adminRouteRef,
};

/**
 * Renders UI on an entity page with the given OpsDeck API, catalog entities, config and
 * permissions (everything allowed unless `denied` names it).
 */
export function renderOnEntity(
  element: ReactNode,
  options: {
    api: Partial<OpsDeckApi>;
    entity?: Entity;
    catalog?: Entity[];
    config?: object;
    denied?: string[];
    /** More API implementations, e.g. a translation API. */
    apis?: Array<readonly [ApiRef<any>, any]>;
    /** More mounted routes, e.g. where the app binds an external route. */
    routes?: Record<string, any>;
  },
) {
  const apis: Array<readonly [ApiRef<any>, any]> = [
    [opsDeckApiRef, options.api],
    [catalogApiRef, catalogApiMock({ entities: options.catalog ?? [] })],
    [configApiRef, mockApis.config({ data: options.config ?? {} })],
    [permissionApiRef, permissionsWithout(...(options.denied ?? []))],
    ...(options.apis ?? []),
  ];
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>
      <EntityProvider entity={options.entity ?? checkout}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { ...mountedRoutes, ...options.routes } },
  );
}
