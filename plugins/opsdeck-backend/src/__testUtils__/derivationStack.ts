import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_BENCHMARK_SET,
  DeploymentEvent,
  DoraScopeFacts,
  IncidentEvent,
  aggregateDoraMetrics,
  deriveComponentFacts,
  foldDeployments,
  foldIncidents,
  isoWeekBuckets,
  previousWindow,
} from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { DoraService } from '../dora/DoraService';
import { RollupAnswers } from '../dora/RollupAnswers';
import { ScopeDoraService } from '../dora/ScopeDoraService';
import { EntityIndexService } from '../mapping/EntityIndexService';
import { openOpsDeckDatabase } from '../store/database';
import { projectionStack } from './projectionStack';

/**
 * Test helper: the derivation as the plugin composes it — events, the projection, the entity
 * index over a catalog the test can change, and the DORA services reading what it derived — on an
 * open database. Deliveries are received at `receivedAt`.
 */
export async function startDerivation(
  knex: Knex,
  entities: Entity[],
  receivedAt: number,
) {
  const db = await openOpsDeckDatabase({ getClient: async () => knex });
  const stack = projectionStack(db);
  const { events, projection, factsStore, indexStore, totals } = stack;
  let catalogEntities = entities;
  const catalog = catalogServiceMock.mock({
    getEntities: jest.fn(async (request?: any) => {
      const kind = request?.filter?.kind;
      return {
        items: kind
          ? catalogEntities.filter(e => e.kind.toLowerCase() === kind)
          : catalogEntities.filter(
              e => Object.keys(e.metadata.annotations ?? {}).length,
            ),
      };
    }),
    getEntityByRef: jest.fn(async (ref: string) =>
      catalogEntities.find(
        e => `${e.kind.toLowerCase()}:default/${e.metadata.name}` === ref,
      ),
    ),
  });
  const index = new EntityIndexService({
    catalog,
    auth: mockServices.auth(),
    store: indexStore,
    projection,
    logger: mockServices.logger.mock(),
  });
  const answers = new RollupAnswers({
    rollups: totals,
    benchmark: DEFAULT_BENCHMARK_SET,
  });
  const scopes = new ScopeDoraService({
    catalog,
    permissions: mockServices.permissions(),
    answers,
    derivation: projection,
  });
  const dora = new DoraService({
    catalog,
    facts: factsStore,
    answers,
    index: indexStore,
    derivation: projection,
    benchmark: DEFAULT_BENCHMARK_SET,
  });
  const ingest = (batch: {
    deployments?: DeploymentEvent[];
    incidents?: IncidentEvent[];
  }) => stack.ingest(batch, receivedAt);
  return {
    db,
    events,
    projection,
    // What the scheduled refresh does, then waits for the projection it starts.
    index: {
      refresh: async () => {
        const result = await index.refresh();
        await projection.catchUp();
        return result;
      },
    },
    scopes,
    dora,
    ingest,
    setCatalog: (next: Entity[]) => {
      catalogEntities = next;
    },
  };
}

/**
 * The answer computed in memory, by the pure derivation, from the raw events of the scope's
 * Components. `identities`: each Component's identities; an identity several of them share is
 * attributed only through causedBy in each, and counts once, with the facts of the first
 * Component (by ref) that carries it.
 */
export function expectedAnswer(
  window: { from: number; to: number },
  all: { deployments: DeploymentEvent[]; incidents: IncidentEvent[] },
  identities: Record<string, string[]>,
  scope: string[],
) {
  const sharers = (identity: string) =>
    Object.keys(identities)
      .filter(c => identities[c].includes(identity))
      .sort();
  const facts: DoraScopeFacts = { deployments: [], incidents: [] };
  const counted = new Set<string>();
  // Records as the store folds them: all events of a key, whichever identity each named.
  const allDeployments = foldDeployments(all.deployments);
  const allIncidents = foldIncidents(all.incidents);
  for (const ref of Object.keys(identities).sort()) {
    const ids = identities[ref];
    const incidents = allIncidents.filter(i => ids.includes(i.service));
    const derived = deriveComponentFacts({
      component: ref,
      deployments: allDeployments.filter(d => ids.includes(d.service)),
      incidents,
      sharedIncidents: new Set(
        incidents.filter(i => sharers(i.service).length > 1).map(i => i.key),
      ),
      foreignIncidents: allIncidents.filter(
        i =>
          !ids.includes(i.service) && i.causedBy && 'deployment' in i.causedBy,
      ),
    });
    const serviceOf = new Map(
      [...allDeployments, ...allIncidents].map(r => [r.key, r.service]),
    );
    // A record counts for the scope once: through its own Component, or through the first
    // Component of an identity some member of the scope shares.
    const counts = (key: string) => {
      const holders = sharers(serviceOf.get(key)!);
      return (
        holders[0] === ref &&
        holders.some(h => scope.includes(h)) &&
        !counted.has(key)
      );
    };
    for (const d of derived.deployments)
      if (counts(d.key)) {
        counted.add(d.key);
        facts.deployments.push(d);
      }
    for (const i of derived.incidents)
      if (counts(i.key)) {
        counted.add(i.key);
        facts.incidents.push(i);
      }
    for (const p of derived.pending)
      if (counts(p.key) && p.startedAt !== undefined)
        facts.firstSentAt = Math.min(
          facts.firstSentAt ?? Infinity,
          p.startedAt,
        );
  }
  for (const d of facts.deployments)
    facts.firstSentAt = Math.min(facts.firstSentAt ?? Infinity, d.finishedAt);
  const metrics = (w: { from: number; to: number }) =>
    aggregateDoraMetrics(facts, { window: w });
  return {
    current: metrics(window),
    previous: metrics(previousWindow(window)),
    weekly: isoWeekBuckets(window).map(w => ({
      weekStart: w.weekStart,
      metrics: metrics(w),
    })),
  };
}

/** An answer without how far derivation has come (that moves with every event). */
export const withoutState = <T extends object>(answer: T) => {
  const { derivedThrough, pendingEvents, ...rest } = answer as T & {
    derivedThrough?: unknown;
    pendingEvents?: unknown;
  };
  return rest;
};
