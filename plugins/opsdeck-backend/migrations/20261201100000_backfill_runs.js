// @ts-check

/**
 * Backfill runs in the database, not in one process's memory: any replica shows them, resumes
 * them after a restart, and takes over targets a killed replica left (each target is held under
 * a lease). At most one run is active: the unique `active` column holds 1 only while it runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_backfill_runs', table => {
    table.comment('Backfill runs started by admins, newest last');
    table.string('id', 64).primary().comment('Run id (UUID)');
    table.integer('days').notNullable().comment('Days imported');
    table
      .bigInteger('since')
      .notNullable()
      .comment('Epoch ms: records from this instant on are imported');
    table.bigInteger('started_at').notNullable().comment('Epoch ms');
    table.bigInteger('finished_at').nullable().comment('Epoch ms');
    table.string('status', 16).notNullable().comment('running, done or failed');
    table
      .integer('active')
      .nullable()
      .unique()
      .comment('1 while running, else null: one running run at a time');
  });
  await knex.schema.createTable('opsdeck_backfill_targets', table => {
    table.comment(
      'What one backfill run imports: one row per source and target',
    );
    table.string('run_id', 64).notNullable();
    table.string('source', 64).notNullable().comment('Webhook source id');
    table
      .string('target', 600)
      .notNullable()
      .comment('Annotation value: repository, project or service');
    table.integer('position').notNullable().comment('Order within the run');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, running, done or failed');
    table.integer('records').notNullable().defaultTo(0);
    table.text('error').nullable().comment('Why it failed');
    table
      .string('owner', 64)
      .nullable()
      .comment('Replica working on it while running');
    table
      .bigInteger('lease_until')
      .notNullable()
      .defaultTo(0)
      .comment('Epoch ms after which another replica may take it over');
    table.primary(['run_id', 'source', 'target']);
    table.index(['status', 'lease_until'], 'opsdeck_backfill_targets_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_backfill_targets');
  await knex.schema.dropTable('opsdeck_backfill_runs');
};
