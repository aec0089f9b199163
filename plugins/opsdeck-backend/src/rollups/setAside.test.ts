import { TestDatabases } from '@backstage/backend-test-utils';
import { DAY_MS, DeploymentEvent } from '@opsdeck/backstage-plugin-common';
import { Knex } from 'knex';
import { openOpsDeckDatabase } from '../store/database';
import { DatabaseOpsDeckStore } from '../store/DatabaseOpsDeckStore';
import { MAX_ATTEMPTS } from '../store/workQueue';
import { projectionStack } from '../__testUtils__/projectionStack';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

// Components: events name them by entity ref.
const GOOD = 'component:default/good';
const BAD = 'component:default/bad';
const DAY = Date.UTC(2026, 10, 20);

const deployment = (service: string, id: string): DeploymentEvent => ({
  key: `ci:${id}`,
  service: `entity:${service}`,
  eventTime: DAY + 10 * 3_600_000,
  environment: 'production',
  status: 'success',
  finishedAt: DAY + 10 * 3_600_000,
});

async function setUp(knex: Knex) {
  const db = await openOpsDeckDatabase({ getClient: async () => knex });
  const { events, projection: rollups } = projectionStack(db);
  const admin = new DatabaseOpsDeckStore(db);
  await events.ingest({
    delivery: {
      source: 'events',
      deliveryId: 'one',
      receivedAt: DAY + DAY_MS,
      headers: {},
      body: Buffer.from('{}'),
    },
    deployments: [deployment(GOOD, 'g1'), deployment(BAD, 'b1')],
    incidents: [],
  });
  const rollupDays = async (service: string) =>
    Number(
      (
        await db('opsdeck_rollups')
          .where('scope', `svc:${service}`)
          .count({ n: '*' })
      )[0].n,
    );
  /** Time passes: every backoff is over. */
  const later = () =>
    Promise.all(
      ['opsdeck_facts_dirty', 'opsdeck_rollup_dirty'].map(t =>
        db(t).update({ not_before: 0 }),
      ),
    );
  return { db, rollups, admin, rollupDays, later };
}

const isSqlite = (db: Knex) =>
  String(db.client.config.client).includes('sqlite');

/** A database that silently keeps BAD's facts mark however often it is cleared. */
async function neverClearBad(db: Knex) {
  if (isSqlite(db)) {
    await db.raw(`CREATE TRIGGER keep_bad BEFORE DELETE ON opsdeck_facts_dirty
      WHEN OLD.service = '${BAD}' BEGIN SELECT RAISE(IGNORE); END`);
  } else {
    await db.raw(`CREATE FUNCTION keep_bad() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF OLD.service = '${BAD}' THEN RETURN NULL; END IF; RETURN OLD; END $$`);
    await db.raw(`CREATE TRIGGER keep_bad BEFORE DELETE ON opsdeck_facts_dirty
      FOR EACH ROW EXECUTE FUNCTION keep_bad()`);
  }
}

/** A database that refuses to store BAD's rollups. */
async function refuseBadRollups(db: Knex) {
  if (isSqlite(db)) {
    await db.raw(`CREATE TRIGGER refuse_bad BEFORE INSERT ON opsdeck_rollups
      WHEN NEW.scope = 'svc:${BAD}' BEGIN SELECT RAISE(ABORT, 'bad rollup refused'); END`);
  } else {
    await db.raw(`CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.scope = 'svc:${BAD}' THEN RAISE EXCEPTION 'bad rollup refused'; END IF;
      RETURN NEW; END $$`);
    await db.raw(`CREATE TRIGGER refuse_bad BEFORE INSERT ON opsdeck_rollups
      FOR EACH ROW EXECUTE FUNCTION refuse_bad()`);
  }
}

describe('a record derivation cannot finish', () => {
  it.each(databases.eachSupportedId())(
    'a mark that is never cleared ends the catch-up, is set aside after its last try, and the rest goes on (%p)',
    async databaseId => {
      const { db, rollups, admin, rollupDays, later } = await setUp(
        await databases.init(databaseId),
      );
      await neverClearBad(db);
      // Before the fix this loop never ended: the mark came back on every round.
      for (let round = 1; round <= MAX_ATTEMPTS + 1; round++) {
        await rollups.catchUp();
        await later();
      }
      expect(await rollupDays(GOOD)).toBe(1);
      expect(await admin.listSetAside(10)).toEqual([
        expect.objectContaining({
          queue: 'facts',
          service: BAD,
          attempts: MAX_ATTEMPTS,
          reason: `did not finish in ${MAX_ATTEMPTS} tries`,
        }),
      ]);
      expect(await admin.queueCounts()).toEqual({ pending: 0, setAside: 1 });
      // Set aside: not taken again, however often the queue is worked.
      await rollups.catchUp();
      expect((await db('opsdeck_facts_dirty').first()).attempts).toBe(
        MAX_ATTEMPTS,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'a day whose rollup fails is tried alone with its error kept, set aside, and derived after an admin retry once fixed (%p)',
    async databaseId => {
      const { db, rollups, admin, rollupDays, later } = await setUp(
        await databases.init(databaseId),
      );
      await refuseBadRollups(db);
      await rollups.catchUp();
      expect(await rollupDays(GOOD)).toBe(1);
      expect(await rollupDays(BAD)).toBe(0);
      const mark = await db('opsdeck_rollup_dirty')
        .where('service', BAD)
        .first();
      expect(mark.attempts).toBe(1);
      expect(mark.last_error).toContain('bad rollup refused');
      expect(Number(mark.not_before)).toBeGreaterThan(Date.now());
      expect(await admin.listSetAside(10)).toEqual([]);

      for (let round = 2; round <= MAX_ATTEMPTS + 1; round++) {
        await later();
        await rollups.catchUp();
      }
      expect(await admin.listSetAside(10)).toEqual([
        expect.objectContaining({
          queue: 'rollups',
          service: BAD,
          day: DAY,
          attempts: MAX_ATTEMPTS,
          reason: expect.stringContaining('bad rollup refused'),
        }),
      ]);

      await db.raw(
        `DROP TRIGGER refuse_bad${isSqlite(db) ? '' : ' ON opsdeck_rollups'}`,
      );
      expect(await admin.retrySetAside(BAD)).toBe(1);
      await rollups.catchUp();
      expect(await rollupDays(BAD)).toBe(1);
      expect(await admin.queueCounts()).toEqual({ pending: 0, setAside: 0 });
    },
  );
});
