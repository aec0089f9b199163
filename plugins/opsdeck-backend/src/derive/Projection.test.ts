import { TestDatabases } from '@backstage/backend-test-utils';
import { DeploymentEvent } from '@opsdeck/backstage-plugin-common';
import { openOpsDeckDatabase } from '../store/database';
import { projectionStack } from '../__testUtils__/projectionStack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});
const T0 = Date.UTC(2026, 10, 2);
const SERVICES = ['a', 'b', 'c'].map(n => `entity:component:default/${n}`);

const deployment = (n: number, service: string): DeploymentEvent => ({
  key: `ci:${n}`,
  service,
  eventTime: T0 + n * 60_000,
  environment: 'production',
  status: 'success',
  finishedAt: T0 + n * 60_000,
});

async function setUp(settle: { quietMs: number; maxDelayMs: number }) {
  const knex = await databases.init('SQLITE_3');
  const db = await openOpsDeckDatabase({ getClient: async () => knex });
  const stack = projectionStack(db, { settle });
  const drains = jest.spyOn(stack.projection, 'catchUp');
  let delivery = 0;
  /** One delivery of a deployment per Component, as the ingest routes tell the projection. */
  const deliver = async () => {
    const n = ++delivery;
    await stack.events.ingest({
      delivery: {
        source: 'events',
        deliveryId: `d${n}`,
        receivedAt: T0,
        headers: {},
        body: Buffer.from(String(n)),
      },
      deployments: SERVICES.map((s, i) => deployment(n * 10 + i, s)),
      incidents: [],
    });
    stack.projection.afterIngest();
  };
  const derived = async () => {
    for (;;) {
      const state = await stack.projection.state();
      if (state.pendingEvents === 0 && state.derivedThrough !== null) return;
      await new Promise(r => setTimeout(r, 10));
    }
  };
  return { ...stack, deliver, derived, drains };
}

describe('derivation after ingest', () => {
  it('derives a burst of deliveries once, after it pauses', async () => {
    // A pause far longer than a delivery takes, even on a slow machine.
    const t = await setUp({ quietMs: 2_000, maxDelayMs: 60_000 });
    for (let i = 0; i < 8; i++) await t.deliver();
    expect(t.drains).not.toHaveBeenCalled();
    await t.derived();
    // One pass for the whole burst: each Component derived once, not once per delivery.
    expect(t.drains).toHaveBeenCalledTimes(1);
    await expect(t.drains.mock.results[0].value).resolves.toEqual({
      components: 3,
      days: 3, // one day of each
    });
    const facts = await t.factsStore.readManyWindowFacts(
      ['component:default/a'],
      { from: T0, to: T0 + 86_400_000 },
    );
    expect(facts.get('component:default/a')!.deployments).toHaveLength(8);
    t.projection.stop();
  });

  it('does not wait longer than the longest delay while deliveries keep coming', async () => {
    const t = await setUp({ quietMs: 200, maxDelayMs: 300 });
    const start = Date.now();
    while (!t.drains.mock.calls.length && Date.now() - start < 5_000) {
      await t.deliver();
      await new Promise(r => setTimeout(r, 20));
    }
    // Derived while the stream went on: it never paused for 200 ms.
    expect(t.drains).toHaveBeenCalled();
    await t.derived();
    t.projection.stop();
  });
});
