// @ts-check

/**
 * Pushes to repositories (GitHub, GitLab push webhooks): where a deployment's changes come from
 * when its event does not list them. OpsDeck walks before → after back from the deployed commit.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_pushes', table => {
    table.comment(
      'Pushes to repositories, for the changes of webhook deployments',
    );
    table
      .string('source', 64)
      .notNullable()
      .comment('Webhook source id, e.g. github');
    table
      .string('service', 400)
      .notNullable()
      .comment('Service identity of the repository (annotation identity)');
    table
      .string('after_sha', 64)
      .notNullable()
      .comment('Commit the branch points at after');
    table
      .string('before_sha', 64)
      .notNullable()
      .comment('Commit it pointed at before');
    table
      .boolean('forced')
      .notNullable()
      .comment('A force-push: the walk stops here');
    table
      .text('commits')
      .notNullable()
      .comment('JSON [{sha, time}] of the pushed commits, time in epoch ms');
    table
      .bigInteger('received_at')
      .notNullable()
      .comment('When it arrived, epoch ms');
    table.primary(['source', 'service', 'after_sha']);
  });
  await knex.schema.alterTable('opsdeck_deployments', table => {
    table.index(['service', 'commit_sha'], 'opsdeck_deployments_commit_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('opsdeck_deployments', table => {
    table.dropIndex(
      ['service', 'commit_sha'],
      'opsdeck_deployments_commit_idx',
    );
  });
  await knex.schema.dropTable('opsdeck_pushes');
};
