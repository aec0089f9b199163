// @ts-check

/**
 * Onboarding checklist progress: which steps of `opsdeck.onboarding.checklist` each user has
 * ticked. A row exists only for a ticked step.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_onboarding_progress', table => {
    table.comment('Ticked onboarding checklist steps, per user');
    table
      .string('user_ref', 400)
      .notNullable()
      .comment('The user who ticked the step, as an entity ref');
    table
      .string('step_id', 200)
      .notNullable()
      .comment('The checklist step id from opsdeck.onboarding.checklist');
    table
      .bigInteger('done_at')
      .notNullable()
      .comment('When it was ticked, epoch ms');
    table.primary(['user_ref', 'step_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_onboarding_progress');
};
