// @ts-check

/**
 * Access requests to platform domains' resources: who asked for what and why, which team
 * decides, and the decision.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_access_requests', table => {
    table.comment('Access requests to platform domains, with their decisions');
    table.string('id', 64).primary().comment('Request id (UUID)');
    table
      .string('domain', 64)
      .notNullable()
      .comment('Platform domain id that grants the access');
    table
      .string('resource', 400)
      .notNullable()
      .comment('What access is wanted to: an entity ref or a name');
    table.text('reason').notNullable().comment('Why, in the requester words');
    table
      .integer('duration_days')
      .nullable()
      .comment('For how many days, when limited');
    table
      .string('requester', 400)
      .notNullable()
      .comment('User ref of who asked');
    table
      .string('approver', 400)
      .notNullable()
      .comment('Group ref of the team that decides (the domain owner when asked)');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved or rejected');
    table
      .string('decided_by', 400)
      .nullable()
      .comment('User ref of who decided');
    table.text('comment').nullable().comment('What the decider said');
    table
      .bigInteger('created_at')
      .notNullable()
      .comment('When it was asked, epoch ms');
    table
      .bigInteger('decided_at')
      .nullable()
      .comment('When it was decided, epoch ms');
    table.index(['domain', 'created_at'], 'opsdeck_access_requests_domain_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_access_requests');
};
