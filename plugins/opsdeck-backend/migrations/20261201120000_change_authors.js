// @ts-check

/**
 * Who wrote the changes each deployment ships (`changes[].authorEmail` of POST /events): the
 * onboarding page ticks "your first change in production" from it. Rewritten with the record's
 * fold, deleted with the record.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_change_authors', table => {
    table.comment('Authors of the changes a deployment ships');
    table
      .string('record_key', 400)
      .notNullable()
      .comment('<source>:<id> of the deployment');
    table
      .string('author_email', 254)
      .notNullable()
      .comment('Lower-case email of a change author');
    table.primary(['record_key', 'author_email']);
    table.index(['author_email'], 'opsdeck_change_authors_email_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_change_authors');
};
