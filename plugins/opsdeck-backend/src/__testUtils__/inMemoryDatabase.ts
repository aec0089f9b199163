import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';

/**
 * Test helper: an in-memory SQLite database given to the plugin as its database service, so a
 * test can look at the tables or take the database down.
 */
export function inMemoryDatabase(): {
  db: Knex;
  factory: ReturnType<typeof createServiceFactory>;
} {
  return givenDatabase(
    knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    }),
  );
}

/**
 * The same for a database the test opened (e.g. PostgreSQL through `TestDatabases`). Other
 * plugins in the test backend (notifications, Tech Insights…) get in-memory SQLite databases
 * of their own, as in a real backend.
 */
export function givenDatabase(db: Knex): {
  db: Knex;
  factory: ReturnType<typeof createServiceFactory>;
} {
  const factory = createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const client =
        plugin.getId() === 'opsdeck'
          ? db
          : knexFactory({
              client: 'better-sqlite3',
              connection: ':memory:',
              useNullAsDefault: true,
            });
      return { getClient: async () => client };
    },
  });
  return { db, factory };
}
