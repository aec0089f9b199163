// @ts-check

/**
 * Per-record DORA facts, derived from each service's whole history whenever it changes, so a
 * window's metrics can be computed from the window's rows alone.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('opsdeck_deployments', table => {
    table
      .boolean('fact_production_success')
      .nullable()
      .comment('Counts for deployment frequency');
    table
      .boolean('fact_completed_production')
      .nullable()
      .comment('Counts in fail-rate and rework denominators');
    table
      .boolean('fact_failed')
      .nullable()
      .comment('Failure status, rolled back, or an attributed incident');
    table.boolean('fact_rework').nullable().comment('Unplanned fix');
    table
      .string('fact_recovery', 32)
      .nullable()
      .comment('Recovery ms, "unrecovered" or "discarded"; null unless failed');
    table
      .text('fact_lead_times')
      .nullable()
      .comment('JSON [ms] of changes this deployment shipped first');
  });
  await knex.schema.alterTable('opsdeck_incidents', table => {
    table
      .boolean('fact_counts')
      .nullable()
      .comment('Counts under opsdeck.dora.incidents rules');
    table
      .bigInteger('fact_duration')
      .nullable()
      .comment('resolved − opened, ms; null while open');
    table
      .string('caused_by_deployment', 400)
      .nullable()
      .comment(
        'record_key named by causedBy.deployment, to find incidents blaming another service',
      );
    table.index(['caused_by_deployment'], 'opsdeck_incidents_caused_by_idx');
  });
  await knex.schema.createTable('opsdeck_meta', table => {
    table.comment('Small key/value state of the plugin');
    table.string('key', 64).primary().comment('e.g. facts_config_hash');
    table.text('value').notNullable().comment('The value');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_meta');
  await knex.schema.alterTable('opsdeck_incidents', table => {
    table.dropIndex(
      ['caused_by_deployment'],
      'opsdeck_incidents_caused_by_idx',
    );
    table.dropColumn('caused_by_deployment');
    table.dropColumn('fact_duration');
    table.dropColumn('fact_counts');
  });
  await knex.schema.alterTable('opsdeck_deployments', table => {
    for (const c of [
      'fact_production_success',
      'fact_completed_production',
      'fact_failed',
      'fact_rework',
      'fact_recovery',
      'fact_lead_times',
    ]) {
      table.dropColumn(c);
    }
  });
};
