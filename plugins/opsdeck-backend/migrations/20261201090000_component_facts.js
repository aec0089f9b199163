// @ts-check

/**
 * DORA facts per Component (DESIGN.md: "service means the Component"): every identity that maps
 * to a Component forms one history, so facts are derived and stored per (Component, record). An
 * identity mapped to several Components has a row for each, and counts once in a team or org:
 * rollups add up units (a Component's own records, or one shared identity's records). The old per-record fact columns are
 * no longer written; the engine version in the rules hash rebuilds everything once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_deployment_facts', table => {
    table.comment('What each deployment contributes to its Component, and why');
    table
      .string('component', 600)
      .notNullable()
      .comment('Entity ref of the Component');
    table
      .string('record_key', 400)
      .notNullable()
      .comment('<source>:<id> of the deployment');
    table
      .bigInteger('started_at')
      .nullable()
      .comment('Epoch ms; sent time of a pending deployment');
    table
      .bigInteger('finished_at')
      .nullable()
      .comment('Epoch ms; null while pending');
    table
      .boolean('production_success')
      .notNullable()
      .comment('Counts for deployment frequency');
    table
      .boolean('completed_production')
      .notNullable()
      .comment('Counts in fail-rate and rework denominators');
    table
      .boolean('failed')
      .notNullable()
      .comment('Failure status, rolled back, or an attributed incident');
    table.boolean('rework').notNullable().comment('Unplanned fix');
    table
      .string('recovery', 32)
      .nullable()
      .comment('Recovery ms, "unrecovered" or "discarded"; null unless failed');
    table
      .text('lead_times')
      .notNullable()
      .comment('JSON [ms] of changes this deployment shipped first');
    table
      .string('merged_into', 400)
      .nullable()
      .comment(
        'record_key of the same rollout as another source reported it; counts nowhere itself',
      );
    table
      .text('explain')
      .nullable()
      .comment(
        'JSON: why it failed, what recovered it, sources, changes shipped first',
      );
    table
      .string('rollup_unit', 1100)
      .nullable()
      .comment(
        'Rollup row it counts in: the Component, or shared:<identity> for an identity several Components share (held by the first of them); null: counted by another Component',
      );
    table.primary(['component', 'record_key']);
    table.index(
      ['component', 'finished_at'],
      'opsdeck_deployment_facts_time_idx',
    );
    table.index(
      ['rollup_unit', 'finished_at'],
      'opsdeck_deployment_facts_unit_idx',
    );
  });
  await knex.schema.createTable('opsdeck_incident_facts', table => {
    table.comment('What each incident contributes to its Component (MTTR)');
    table
      .string('component', 600)
      .notNullable()
      .comment('Entity ref of the Component');
    table
      .string('record_key', 400)
      .notNullable()
      .comment('<source>:<id> of the incident');
    table.bigInteger('opened_at').notNullable().comment('Epoch ms');
    table.boolean('unresolved').notNullable().comment('Still open');
    table.bigInteger('duration').nullable().comment('resolved − opened, ms');
    table
      .string('rollup_unit', 1100)
      .nullable()
      .comment('As opsdeck_deployment_facts.rollup_unit');
    table.primary(['component', 'record_key']);
    table.index(['component', 'opened_at'], 'opsdeck_incident_facts_time_idx');
    table.index(
      ['rollup_unit', 'opened_at'],
      'opsdeck_incident_facts_unit_idx',
    );
  });
  await knex.schema.alterTable('opsdeck_entity_index', table => {
    table
      .string('identity', 1100)
      .nullable()
      .comment("'annotation:<key>=<value>', the service identity events name");
    table.index(['identity'], 'opsdeck_entity_index_identity_idx');
  });
  await knex('opsdeck_entity_index').update({
    identity: knex.raw(
      "'annotation:' || annotation_key || '=' || annotation_value",
    ),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('opsdeck_entity_index', table => {
    table.dropIndex(['identity'], 'opsdeck_entity_index_identity_idx');
    table.dropColumn('identity');
  });
  await knex.schema.dropTable('opsdeck_incident_facts');
  await knex.schema.dropTable('opsdeck_deployment_facts');
};
