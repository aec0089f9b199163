// @ts-check

/**
 * Which catalog entity each annotation value belongs to, refreshed from the catalog on a
 * schedule; events name services by annotation value and are mapped through it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_entity_index', table => {
    table.comment(
      'annotation (key, value) → entity ref, rebuilt from the catalog on each refresh',
    );
    table
      .string('annotation_key', 255)
      .notNullable()
      .comment('e.g. github.com/project-slug');
    table
      .string('annotation_value', 400)
      .notNullable()
      .comment('e.g. acme/checkout');
    table
      .string('entity_ref', 400)
      .notNullable()
      .comment('The entity carrying it, e.g. component:default/checkout');
    table.primary(['annotation_key', 'annotation_value', 'entity_ref']);
    table.index(['entity_ref'], 'opsdeck_entity_index_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_entity_index');
};
