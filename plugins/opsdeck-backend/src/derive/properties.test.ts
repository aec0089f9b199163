import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import {
  DAY_MS,
  DeploymentEvent,
  IncidentEvent,
} from '@opsdeck/backstage-plugin-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import {
  expectedAnswer,
  startDerivation,
  withoutState,
} from '../__testUtils__/derivationStack';
import { ownedComponent, testGroup } from '../__testUtils__/entities';

// Two properties of the projection, on real databases:
// 1. spreading a Component's events over any number of identities mapped to it changes no metric
//    (entity, team, org);
// 2. any arrival order or batch split — with the catalog learning the Component's annotations at
//    any point — gives the same answers as a full rebuild, and as the pure derivation.

jest.setTimeout(300_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

/** Runs per property: fewer on PostgreSQL (a database per run); `OPSDECK_PROPERTY_RUNS` overrides. */
const runsOn = (databaseId: string) =>
  Number(
    process.env.OPSDECK_PROPERTY_RUNS ?? (databaseId === 'SQLITE_3' ? 12 : 4),
  );

const TO = Date.UTC(2026, 3, 1);
const WINDOW = { from: TO - 28 * DAY_MS, to: TO };
const HOUR = 3_600_000;
const credentials = mockCredentials.user();
const query = { from: String(WINDOW.from), to: String(WINDOW.to), credentials };

const group = testGroup;
const component = ownedComponent;

const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';
const SEARCH = 'component:default/search';
const CHECKOUT_ANNOTATIONS = {
  'github.com/project-slug': 'acme/checkout',
  'pagerduty.com/service-id': 'PCHK001',
  'argocd/app-name': 'checkout-prod',
};
/** Every identity that maps to checkout: its ref and its three tools' annotations. */
const CHECKOUT_IDENTITIES = [
  `entity:${CHECKOUT}`,
  ...Object.entries(CHECKOUT_ANNOTATIONS).map(
    ([k, v]) => `annotation:${k}=${v}`,
  ),
];
const SHOP = 'annotation:github.com/project-slug=acme/shop';
const catalog = (checkoutAnnotations: Record<string, string>) => [
  group('acme'),
  group('team-a', 'acme'),
  group('team-b', 'acme'),
  component('checkout', 'team-a', checkoutAnnotations),
  // cart and search share a repository: its events belong to both, counted once in a scope.
  component('cart', 'team-a', { 'github.com/project-slug': 'acme/shop' }),
  component('search', 'team-b', { 'github.com/project-slug': 'acme/shop' }),
];
const IDENTITIES = {
  [CHECKOUT]: CHECKOUT_IDENTITIES,
  [CART]: [`entity:${CART}`, SHOP],
  [SEARCH]: [`entity:${SEARCH}`, SHOP],
};

const sha = (n: number) => `c0ffee${n.toString(16).padStart(2, '0')}`;

/** A record of checkout's history before it is given an identity. */
type Shape =
  | { kind: 'deployment'; event: Omit<DeploymentEvent, 'service'> }
  | { kind: 'incident'; event: Omit<IncidentEvent, 'service'> };

/**
 * Checkout's history: three tools' deployments over 8 weeks (same commits deployed by several,
 * failures, rollbacks, rework, staging), incidents named by window, by deployment or by commit.
 */
const historyArb = fc
  .record({
    deployments: fc.array(
      fc.record({
        source: fc.constantFrom('gh', 'argo', 'ci'),
        hour: fc.integer({ min: 0, max: 56 * 24 }),
        minute: fc.integer({ min: 0, max: 59 }),
        production: fc.boolean(),
        failed: fc.integer({ min: 0, max: 4 }),
        commit: fc.integer({ min: 0, max: 9 }),
        rework: fc.integer({ min: 0, max: 9 }),
        rollbackOf: fc.option(fc.nat(40), { nil: undefined }),
        // Another tool reporting the same rollout this many minutes later.
        echo: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 24 },
    ),
    incidents: fc.array(
      fc.record({
        hour: fc.integer({ min: 0, max: 56 * 24 }),
        lasts: fc.option(fc.integer({ min: 1, max: 30 * 60 }), {
          nil: undefined,
        }),
        causedBy: fc.option(
          fc.oneof(
            fc.record({ deployment: fc.nat(40) }),
            fc.record({ commit: fc.integer({ min: 0, max: 9 }) }),
          ),
          { nil: undefined },
        ),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ deployments, incidents }): Shape[] => {
    const start = TO - 56 * DAY_MS;
    const keys = deployments.map((d, i) => `${d.source}:d${i}`);
    const echoes = deployments.flatMap((d, i): Shape[] => {
      if (d.echo === undefined) return [];
      const finishedAt = start + d.hour * HOUR + (d.minute + d.echo) * 60_000;
      return [
        {
          kind: 'deployment',
          event: {
            key: `${d.source === 'argo' ? 'ci' : 'argo'}:e${i}`,
            eventTime: finishedAt,
            environment: d.production ? 'production' : 'staging',
            status: d.echo % 7 === 0 ? 'failure' : 'success',
            finishedAt,
            commit: { sha: sha(d.commit) },
          },
        },
      ];
    });
    return [
      ...echoes,
      ...deployments.map((d, i): Shape => {
        const finishedAt = start + d.hour * HOUR + d.minute * 60_000;
        return {
          kind: 'deployment',
          event: {
            key: keys[i],
            eventTime: finishedAt,
            environment: d.production ? 'production' : 'staging',
            status: d.failed === 0 ? 'failure' : 'success',
            finishedAt,
            commit: { sha: sha(d.commit) },
            changes: [{ sha: sha(d.commit), time: start - d.commit * HOUR }],
            ...(d.rework === 0 ? { rework: true } : {}),
            ...(d.rollbackOf !== undefined
              ? { rollbackOf: keys[d.rollbackOf % keys.length] }
              : {}),
          },
        };
      }),
      ...incidents.map((i, n): Shape => {
        const openedAt = start + i.hour * HOUR;
        let causedBy: IncidentEvent['causedBy'];
        if (i.causedBy && 'deployment' in i.causedBy)
          causedBy = { deployment: keys[i.causedBy.deployment % keys.length] };
        else if (i.causedBy) causedBy = { commit: sha(i.causedBy.commit) };
        return {
          kind: 'incident',
          event: {
            key: `pd:i${n}`,
            eventTime: openedAt,
            openedAt,
            ...(i.lasts ? { resolvedAt: openedAt + i.lasts * 60_000 } : {}),
            ...(causedBy ? { causedBy } : {}),
          },
        };
      }),
    ];
  });

/** The shared repository's history (cart and search): fixed. */
const SHARED: Shape[] = Array.from({ length: 12 }, (_, i): Shape => {
  const finishedAt = TO - 50 * DAY_MS + i * 4 * DAY_MS + 3 * HOUR;
  return {
    kind: 'deployment',
    event: {
      key: `gh:shop${i}`,
      eventTime: finishedAt,
      environment: 'production',
      status: i % 4 === 3 ? 'failure' : 'success',
      finishedAt,
      changes: [{ sha: `5b0b${i}00`, time: finishedAt - (i + 1) * HOUR }],
    },
  };
});

/** Gives each record of a history its identity. */
function withIdentities(shapes: Shape[], identityOf: (i: number) => string) {
  const all = {
    deployments: [] as DeploymentEvent[],
    incidents: [] as IncidentEvent[],
  };
  shapes.forEach((s, i) => {
    if (s.kind === 'deployment')
      all.deployments.push({ ...s.event, service: identityOf(i) });
    else all.incidents.push({ ...s.event, service: identityOf(i) });
  });
  return all;
}

const shared = withIdentities(SHARED, () => SHOP);
const join = (a: typeof shared, b: typeof shared) => ({
  deployments: [...a.deployments, ...b.deployments],
  incidents: [...a.incidents, ...b.incidents],
});

/**
 * Earlier versions of some records, superseded by their later events whatever the arrival order:
 * pending or finished elsewhere in time, in staging, under another identity (even the shared
 * repository's); incidents opened earlier, still open, blaming another deployment.
 */
function withDrafts(
  all: ReturnType<typeof join>,
  picks: number[],
): ReturnType<typeof join> {
  const identities = [...CHECKOUT_IDENTITIES, SHOP];
  const out = {
    deployments: [...all.deployments],
    incidents: [...all.incidents],
  };
  all.deployments.forEach((d, n) => {
    const p = picks[n % picks.length];
    if (p > 5) return;
    const at = d.finishedAt! - (p + 1) * 7 * HOUR;
    out.deployments.push({
      key: d.key,
      service: identities[p % identities.length],
      eventTime: d.eventTime - 1,
      environment: p % 3 === 0 ? 'staging' : 'production',
      ...(p % 2
        ? { status: 'success', finishedAt: at }
        : { status: 'pending', startedAt: at }),
      commit: { sha: sha(p) },
      ...(p === 4 && n > 0 ? { rollbackOf: all.deployments[n - 1].key } : {}),
    });
  });
  all.incidents.forEach((i, n) => {
    const p = picks[(n + 7) % picks.length];
    if (p > 5) return;
    out.incidents.push({
      key: i.key,
      service: i.service,
      eventTime: i.eventTime - 1,
      openedAt: i.openedAt! - (p + 1) * 5 * HOUR,
      ...(p % 2
        ? {
            causedBy: {
              deployment: all.deployments[p % all.deployments.length].key,
            },
          }
        : {}),
    });
  });
  return out;
}

/** The stored facts and first shipments, in a stable order. */
async function storedFacts(db: Knex) {
  const rows = async (table: string, order: string[]) =>
    (await db(table).orderBy(order)).map(r =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          // Drivers differ: booleans as 0/1, bigints as strings.
          v === null ? null : String(typeof v === 'boolean' ? Number(v) : v),
        ]),
      ),
    );
  return {
    deployments: await rows('opsdeck_deployment_facts', [
      'component',
      'record_key',
    ]),
    incidents: await rows('opsdeck_incident_facts', [
      'component',
      'record_key',
    ]),
    shipped: await rows('opsdeck_shipped_shas', ['component', 'sha']),
  };
}

/** What a user sees for checkout, cart (it shares a repository with search), its team and the org. */
async function answers(t: Awaited<ReturnType<typeof startDerivation>>) {
  const entity = await t.dora.getEntityDora(
    { kind: 'component', namespace: 'default', name: 'checkout' },
    query,
  );
  const cart = await t.dora.getEntityDora(
    { kind: 'component', namespace: 'default', name: 'cart' },
    query,
  );
  const team = await t.scopes.getGroupDora(
    { namespace: 'default', name: 'team-a' },
    query,
  );
  const org = await t.scopes.getOrgDora(query);
  const { current, previous, weekly } = entity;
  return {
    entity: { current, previous, weekly },
    cart: {
      current: cart.current,
      previous: cart.previous,
      weekly: cart.weekly,
    },
    team: withoutState(team),
    org: withoutState(org),
  };
}

describe.each(databases.eachSupportedId())(
  'derivation properties on %s',
  databaseId => {
    it('spreading a Component’s events over any number of identities mapped to it changes no metric (entity, team, org)', async () => {
      await fc.assert(
        fc.asyncProperty(
          historyArb,
          fc.infiniteStream(fc.nat(CHECKOUT_IDENTITIES.length - 1)),
          async (checkout, picks) => {
            const picked = [...picks.take(checkout.length)];
            const derive = async (identityOf: (i: number) => string) => {
              const t = await startDerivation(
                await databases.init(databaseId),
                catalog(CHECKOUT_ANNOTATIONS),
                TO,
              );
              await t.index.refresh();
              await t.ingest(
                join(shared, withIdentities(checkout, identityOf)),
              );
              return answers(t);
            };
            const one = await derive(() => CHECKOUT_IDENTITIES[0]);
            const spread = await derive(i => CHECKOUT_IDENTITIES[picked[i]]);
            expect(spread).toEqual(one);
          },
        ),
        { seed: 20261201, numRuns: runsOn(databaseId) },
      );
    });

    it('any arrival order or batch split gives the same answers as a full rebuild', async () => {
      await fc.assert(
        fc.asyncProperty(
          historyArb,
          fc.infiniteStream(fc.nat(CHECKOUT_IDENTITIES.length - 1)),
          fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
          fc.integer({ min: 1, max: 12 }),
          fc.nat(12),
          fc.infiniteStream(fc.nat(11)),
          fc.constantFrom(0, 0.9, 0.98),
          async (checkout, picks, order, batches, learnAt, drafts, inTime) => {
            const picked = [...picks.take(checkout.length)];
            const all = withDrafts(
              join(
                shared,
                withIdentities(checkout, i => CHECKOUT_IDENTITIES[picked[i]]),
              ),
              [...drafts.take(checkout.length + SHARED.length)],
            );
            // Every record in a random place, cut into `batches` deliveries.
            const records = [
              ...all.deployments.map(d => ({ d })),
              ...all.incidents.map(i => ({ i })),
            ];
            // In any order, or mostly in time order with some late arrivals (as in practice).
            const place = [...order.take(records.length)];
            const timeOf = (r: (typeof records)[number]) =>
              'd' in r
                ? r.d.finishedAt ?? r.d.startedAt ?? r.d.eventTime
                : r.i.openedAt ?? r.i.eventTime;
            const shuffled = records
              .map((r, n) => ({
                r,
                at:
                  inTime * ((timeOf(r) - (TO - 60 * DAY_MS)) / (60 * DAY_MS)) +
                  (1 - inTime) * place[n],
              }))
              .sort((a, b) => a.at - b.at)
              .map(x => x.r);
            const size = Math.ceil(shuffled.length / batches);
            const t = await startDerivation(
              await databases.init(databaseId),
              catalog({}),
              TO,
            );
            // The catalog learns checkout's annotations before batch `learnAt` (or after all).
            t.setCatalog(catalog({}));
            await t.index.refresh();
            for (let b = 0; b * size < shuffled.length; b++) {
              if (b === learnAt) {
                t.setCatalog(catalog(CHECKOUT_ANNOTATIONS));
                await t.index.refresh();
              }
              const batch = shuffled.slice(b * size, (b + 1) * size);
              await t.ingest({
                deployments: batch.flatMap(r => ('d' in r ? [r.d] : [])),
                incidents: batch.flatMap(r => ('i' in r ? [r.i] : [])),
              });
            }
            t.setCatalog(catalog(CHECKOUT_ANNOTATIONS));
            await t.index.refresh();
            const incremental = await answers(t);
            const stored = await storedFacts(t.db);

            await t.projection.rebuildAll();
            const after = await answers(t);
            if (JSON.stringify(after) !== JSON.stringify(incremental))
              require('fs').writeFileSync(
                JSON.stringify(
                  {
                    incremental,
                    after,
                    stored,
                    storedAfter: await storedFacts(t.db),
                    all,
                  },
                  null,
                  1,
                ),
              );
            expect(after).toEqual(incremental);
            // Every stored fact, explanation and first shipment, not only the answers.
            expect(stored).toEqual(await storedFacts(t.db));
            // And both are what the pure derivation computes from all the records at once.
            expect(incremental.entity).toEqual(
              expectedAnswer(WINDOW, all, { [CHECKOUT]: CHECKOUT_IDENTITIES }, [
                CHECKOUT,
              ]),
            );
            const expected = (scope: string[]) => {
              const { current, previous, weekly } = expectedAnswer(
                WINDOW,
                all,
                IDENTITIES,
                scope,
              );
              return { current, previous, weekly };
            };
            if (
              JSON.stringify(incremental.cart) !==
              JSON.stringify(expected([CART]))
            )
              require('fs').writeFileSync(
                JSON.stringify(
                  { incremental, exp: expected([CART]), stored, all },
                  null,
                  1,
                ),
              );
            // checkout answers from its rollups, cart (a shared identity) from its facts.
            expect(incremental.cart).toEqual(expected([CART]));
            const { current, previous, weekly } = incremental.team;
            expect({ current, previous, weekly }).toEqual(
              expected([CHECKOUT, CART]),
            );
            expect(incremental.org.current).toEqual(
              expected([CHECKOUT, CART, SEARCH]).current,
            );
          },
        ),
        { seed: 20261201, numRuns: runsOn(databaseId) },
      );
    });
  },
);
