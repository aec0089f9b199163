// @ts-check

/**
 * Incremental derivation: a Component's facts are re-derived from the earliest instant a change
 * can reach, not from the start of its history.
 * - each facts mark keeps `since`, the earliest time of a record it was queued for (null: the
 *   whole history);
 * - each deployment fact keeps `depends_until`, the latest instant of a record its facts depend
 *   on (a far future while a record yet to come can change them), so the derivation finds the
 *   earlier facts a change reaches through an index;
 * - the first production shipment of each SHA per Component, so a part of a history knows which
 *   changes shipped before it;
 * - incidents keep the commit their `causedBy` names in a column of its own.
 * The engine version changes with this migration: every Component is derived once in full,
 * which fills the new columns and table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('opsdeck_facts_dirty', table => {
    table
      .bigInteger('since')
      .nullable()
      .comment(
        'Epoch ms: earliest time of a changed record; null: derive the whole history',
      );
  });
  await knex.schema.alterTable('opsdeck_deployment_facts', table => {
    table
      .bigInteger('depends_until')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Epoch ms: latest time of a record these facts depend on (far future: open)',
      );
    table.index(
      ['component', 'depends_until'],
      'opsdeck_deployment_facts_depends_idx',
    );
  });
  await knex.schema.createTable('opsdeck_shipped_shas', table => {
    table.comment(
      'First successful production deployment shipping each SHA, per Component',
    );
    table.string('component', 600).notNullable();
    table.string('sha', 64).notNullable();
    table
      .bigInteger('first_change_at')
      .nullable()
      .comment(
        'Finish of the first one shipping it as a change with a commit time',
      );
    table
      .bigInteger('first_commit_at')
      .nullable()
      .comment(
        'Finish of the first one shipping it as a change or deployed commit',
      );
    table.primary(['component', 'sha']);
    table.index(['component', 'first_change_at'], 'opsdeck_shipped_change_idx');
    table.index(['component', 'first_commit_at'], 'opsdeck_shipped_commit_idx');
  });
  await knex.schema.alterTable('opsdeck_incidents', table => {
    table
      .string('caused_by_commit', 64)
      .nullable()
      .comment('The commit causedBy names, if any');
    table.index(['caused_by_commit'], 'opsdeck_incidents_caused_by_commit_idx');
  });
  const named = await knex('opsdeck_incidents')
    .whereNotNull('caused_by')
    .select('record_key', 'caused_by');
  for (const row of named) {
    const causedBy = JSON.parse(row.caused_by);
    if (causedBy && typeof causedBy.commit === 'string')
      await knex('opsdeck_incidents')
        .where('record_key', row.record_key)
        .update({ caused_by_commit: causedBy.commit });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('opsdeck_incidents', table => {
    table.dropIndex(
      ['caused_by_commit'],
      'opsdeck_incidents_caused_by_commit_idx',
    );
    table.dropColumn('caused_by_commit');
  });
  await knex.schema.dropTable('opsdeck_shipped_shas');
  await knex.schema.alterTable('opsdeck_deployment_facts', table => {
    table.dropIndex(
      ['component', 'depends_until'],
      'opsdeck_deployment_facts_depends_idx',
    );
    table.dropColumn('depends_until');
  });
  await knex.schema.alterTable('opsdeck_facts_dirty', table => {
    table.dropColumn('since');
  });
};
