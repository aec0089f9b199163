import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import {
  DAY_MS,
  DeploymentEvent,
  IncidentEvent,
  computeDoraMetrics,
  foldDeployments,
  isoWeekBuckets,
} from '@opsdeck/backstage-plugin-common';
import {
  expectedAnswer,
  startDerivation,
  withoutState,
} from '../__testUtils__/derivationStack';
import { ownedComponent, testGroup } from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const TO = Date.UTC(2026, 3, 1);
const WINDOW = { from: TO - 28 * DAY_MS, to: TO };
const HOUR = 3_600_000;
const SHOP = 'github.com/project-slug';

const group = testGroup;
const component = ownedComponent;

/** Park–Miller minimal standard RNG: the same data on every run. */
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** Deployments and incidents of one service over the 8 weeks before TO, some failing. */
function history(service: string, prefix: string, seed: number) {
  const random = rng(seed);
  const deployments: DeploymentEvent[] = [];
  const incidents: IncidentEvent[] = [];
  for (let i = 0; i < 40; i++) {
    const finishedAt = TO - 56 * DAY_MS + Math.floor(random() * 56 * DAY_MS);
    const failed = random() < 0.2;
    deployments.push({
      key: `${prefix}:d${i}`,
      service,
      eventTime: finishedAt,
      environment: random() < 0.85 ? 'production' : 'staging',
      status: failed ? 'failure' : 'success',
      finishedAt,
      changes: [
        {
          sha: `${prefix}-c${i}`,
          time: finishedAt - Math.floor(random() * 72 * HOUR) - 1,
        },
      ],
      ...(random() < 0.1 ? { rework: true } : {}),
    });
    if (random() < 0.15) {
      const openedAt = finishedAt + Math.floor(random() * 20 * HOUR);
      incidents.push({
        key: `${prefix}:i${i}`,
        service,
        eventTime: openedAt,
        openedAt,
        ...(random() < 0.8
          ? { resolvedAt: openedAt + Math.floor(random() * 10 * HOUR) + 1 }
          : {}),
      });
    }
  }
  return { deployments, incidents };
}

const credentials = mockCredentials.user();
const query = {
  from: String(WINDOW.from),
  to: String(WINDOW.to),
  credentials,
};

describe.each(databases.eachSupportedId())('rollups on %s', databaseId => {
  const entities = [
    group('acme'),
    group('team-a', 'acme'),
    group('team-b', 'acme'),
    // checkout and cart share a repository: its events belong to both, and count once.
    component('checkout', 'team-a', { [SHOP]: 'acme/shop' }),
    component('cart', 'team-a', { [SHOP]: 'acme/shop' }),
    component('search', 'team-b'),
  ];
  const services = {
    checkout: 'entity:component:default/checkout',
    shop: `annotation:${SHOP}=acme/shop`,
    search: 'entity:component:default/search',
  };
  const CHECKOUT = 'component:default/checkout';
  const CART = 'component:default/cart';
  const SEARCH = 'component:default/search';
  const identities = {
    [CHECKOUT]: [services.checkout, services.shop],
    [CART]: ['entity:component:default/cart', services.shop],
    [SEARCH]: [services.search],
  };
  const all = [
    history(services.checkout, 'ci', 1),
    history(services.shop, 'gh', 2),
    history(services.search, 'argo', 3),
  ].reduce(
    (a, b) => ({
      deployments: [...a.deployments, ...b.deployments],
      incidents: [...a.incidents, ...b.incidents],
    }),
    { deployments: [], incidents: [] } as {
      deployments: DeploymentEvent[];
      incidents: IncidentEvent[];
    },
  );

  it('answers group and org DORA from rollups alone: the same after the raw tables are emptied', async () => {
    const knex = await databases.init(databaseId);
    const t = await startDerivation(knex, entities, TO);
    // Several deliveries, out of order.
    await t.ingest({ deployments: all.deployments.slice(60) });
    await t.ingest({
      deployments: all.deployments.slice(0, 60),
      incidents: all.incidents,
    });
    await t.index.refresh();

    const teamA = await t.scopes.getGroupDora(
      { namespace: 'default', name: 'team-a' },
      query,
    );
    expect(teamA.scope).toEqual({
      type: 'group',
      entityRef: 'group:default/team-a',
      includeChildren: false,
      services: 3, // checkout, cart, and the repository they share
    });
    const { current, previous, weekly } = teamA;
    expect({ current, previous, weekly }).toEqual(
      expectedAnswer(WINDOW, all, identities, [CHECKOUT, CART]),
    );
    // The shared repository's deployments count once although two components carry it.
    expect(current.deploymentFrequency.detail.count).toBeGreaterThan(0);

    const acmeTree = await t.scopes.getGroupDora(
      { namespace: 'default', name: 'acme' },
      { ...query, includeChildren: true },
    );
    const org = await t.scopes.getOrgDora(query);
    const everything = expectedAnswer(WINDOW, all, identities, [
      CHECKOUT,
      CART,
      SEARCH,
    ]);
    expect(org.current).toEqual(everything.current);
    expect(acmeTree.current).toEqual(everything.current);
    const acmeOnly = await t.scopes.getGroupDora(
      { namespace: 'default', name: 'acme' },
      query,
    );
    expect(acmeOnly.current.deploymentFrequency).toMatchObject({
      value: null,
      reason: 'no-deployments-ever',
    }); // acme owns nothing itself

    for (const table of [
      'opsdeck_events',
      'opsdeck_deployments',
      'opsdeck_incidents',
      'opsdeck_raw_deliveries',
    ]) {
      await knex(table).delete();
    }
    expect(
      await t.scopes.getGroupDora(
        { namespace: 'default', name: 'team-a' },
        query,
      ),
    ).toEqual(teamA);
    expect(withoutState(await t.scopes.getOrgDora(query))).toEqual(
      withoutState(org),
    );
  });

  it('re-derives the days a late event touches, and follows ownership changes', async () => {
    const knex = await databases.init(databaseId);
    const t = await startDerivation(knex, entities, TO);
    await t.ingest(all);
    await t.index.refresh();
    const before = await t.scopes.getGroupDora(
      { namespace: 'default', name: 'team-b' },
      query,
    );

    // A late incident blames an old, successful search deployment: that day's rollup changes.
    const victim = foldDeployments(
      all.deployments.filter(d => d.service === services.search),
    ).find(
      d =>
        d.status === 'success' &&
        d.environment === 'production' &&
        d.finishedAt! >= WINDOW.from &&
        !all.incidents.some(i => i.service === services.search),
    );
    const late = {
      key: 'pd:late',
      service: services.search,
      eventTime: TO,
      openedAt: TO - 2 * DAY_MS,
      causedBy: { deployment: victim?.key ?? 'argo:d0' },
    };
    await t.ingest({ incidents: [late] });
    const after = await t.scopes.getGroupDora(
      { namespace: 'default', name: 'team-b' },
      query,
    );
    expect(withoutState(after)).toEqual({
      ...withoutState(before),
      ...expectedAnswer(
        WINDOW,
        { ...all, incidents: [...all.incidents, late] },
        identities,
        [SEARCH],
      ),
    });
    expect(after.current.mttr.detail.opened).toBe(
      before.current.mttr.detail.opened + 1,
    );

    // search moves to team-a: team-a now holds its history, team-b holds nothing.
    t.setCatalog([
      ...entities.filter(e => e.metadata.name !== 'search'),
      component('search', 'team-a'),
    ]);
    await t.index.refresh();
    const teamA = await t.scopes.getGroupDora(
      { namespace: 'default', name: 'team-a' },
      query,
    );
    expect(teamA.current).toEqual(
      expectedAnswer(
        WINDOW,
        { ...all, incidents: [...all.incidents, late] },
        identities,
        [CHECKOUT, CART, SEARCH],
      ).current,
    );
    const teamB = await t.scopes.getGroupDora(
      { namespace: 'default', name: 'team-b' },
      query,
    );
    expect(teamB.scope.services).toBe(0);
    expect(teamB.current.deploymentFrequency.reason).toBe(
      'no-deployments-ever',
    );
  });

  it('deleting a record re-derives its days; a full rebuild reproduces the rollups', async () => {
    const knex = await databases.init(databaseId);
    const t = await startDerivation(knex, entities, TO);
    await t.ingest(all);
    await t.index.refresh();
    const [gone] = foldDeployments(all.deployments).filter(
      d => d.finishedAt! >= WINDOW.from && d.status === 'success',
    );
    expect(await t.events.deleteRecord(gone.key)).toEqual({
      deleted: ['deployment'],
      events: 1,
    });
    await t.projection.catchUp();
    const without = {
      ...all,
      deployments: all.deployments.filter(d => d.key !== gone.key),
    };
    const afterDelete = await t.scopes.getOrgDora(query);
    expect(afterDelete.current).toEqual(
      expectedAnswer(WINDOW, without, identities, [CHECKOUT, CART, SEARCH])
        .current,
    );

    const rowsBefore = await knex('opsdeck_rollups')
      .orderBy(['scope', 'day'])
      .select('scope', 'day', 'successes', 'failed', 'lead_values');
    await knex('opsdeck_rollups').delete();
    await t.projection.rebuildAll();
    await t.index.refresh(); // memberships unchanged: group rows come from the dirty days
    expect(
      await knex('opsdeck_rollups')
        .orderBy(['scope', 'day'])
        .select('scope', 'day', 'successes', 'failed', 'lead_values'),
    ).toEqual(rowsBefore);
  });

  it('above 10 000 values, medians come from sketches within 1 % of the exact rank', async () => {
    const knex = await databases.init(databaseId);
    const t = await startDerivation(knex, entities, TO);
    const random = rng(7);
    const deployments: DeploymentEvent[] = [];
    for (let i = 0; i < 12; i++) {
      const finishedAt = WINDOW.from + i * 2 * DAY_MS + HOUR;
      deployments.push({
        key: `big:${i}`,
        service: i % 2 ? services.checkout : services.search,
        eventTime: finishedAt,
        environment: 'production',
        status: 'success',
        finishedAt,
        changes: Array.from({ length: 1000 }, (_, c) => ({
          sha: `big-${i}-${c}`,
          time: finishedAt - 1 - Math.floor(random() ** 3 * 30 * DAY_MS),
        })),
      });
    }
    for (let i = 0; i < deployments.length; i += 3) {
      await t.ingest({ deployments: deployments.slice(i, i + 3) });
    }
    await t.index.refresh();
    const org = await t.scopes.getOrgDora(query);
    const lead = org.current.changeLeadTime;
    expect(lead.detail.count).toBe(12_000); // counts stay exact

    const exact = deployments
      .flatMap(d => d.changes!.map(c => d.finishedAt! - c.time))
      .sort((a, b) => a - b);
    for (const [p, value] of [
      [0.5, lead.detail.median!],
      [0.9, lead.detail.p90!],
    ]) {
      const rank = p * (exact.length - 1);
      const near = [exact[Math.floor(rank)], exact[Math.ceil(rank)]];
      expect(near.some(v => Math.abs(value - v) <= 0.01 * v)).toBe(true);
    }
    // One week holds fewer than 10 000 values: its median is exact.
    const week = org.weekly.find(w => w.metrics.changeLeadTime.detail.count)!;
    expect(week.metrics.changeLeadTime.value).toBe(
      computeDoraMetrics(
        { deployments: foldDeployments(deployments), incidents: [] },
        {
          window: isoWeekBuckets(WINDOW).find(
            b => b.weekStart === week.weekStart,
          )!,
        },
      ).changeLeadTime.value,
    );
  });
});
