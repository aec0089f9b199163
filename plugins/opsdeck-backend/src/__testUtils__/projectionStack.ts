import { mockServices } from '@backstage/backend-test-utils';
import {
  DeploymentEvent,
  DoraRules,
  IncidentEvent,
} from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { Projection } from '../derive/Projection';
import { RollupTotals } from '../dora/RollupTotals';
import { DatabaseEntityIndexStore } from '../store/DatabaseEntityIndexStore';
import { DatabaseEventStore } from '../store/DatabaseEventStore';

/**
 * Test helper: the stores and the projection as the plugin composes them, on an open database.
 */
export function projectionStack(
  db: Knex,
  options: {
    rules?: DoraRules;
    rulesHash?: string;
    settle?: { quietMs: number; maxDelayMs: number };
    /** Histories derived in slices from this size; default 0 (always, to test slicing). */
    incrementalFrom?: number;
  } = {},
) {
  const rules = options.rules ?? {};
  const events = DatabaseEventStore.of(db, rules);
  const { projection, factsStore, rollupStore } = Projection.on(db, {
    rules,
    rulesHash: options.rulesHash ?? 'test',
    logger: mockServices.logger.mock(),
    settle: options.settle,
    incrementalFrom: options.incrementalFrom ?? 0,
  });
  let delivery = 0;
  /** Stores one `POST /events` delivery of these events, received at `receivedAt`, and derives it. */
  const ingest = async (
    batch: { deployments?: DeploymentEvent[]; incidents?: IncidentEvent[] },
    receivedAt: number,
  ) => {
    const result = await events.ingest({
      delivery: {
        source: 'events',
        deliveryId: `d${++delivery}`,
        receivedAt,
        headers: {},
        body: Buffer.from(String(delivery)),
      },
      deployments: batch.deployments ?? [],
      incidents: batch.incidents ?? [],
    });
    await projection.catchUp();
    return result;
  };
  return {
    ingest,
    events,
    factsStore,
    rollupStore,
    projection,
    totals: new RollupTotals({ store: rollupStore }),
    indexStore: new DatabaseEntityIndexStore(db),
  };
}
