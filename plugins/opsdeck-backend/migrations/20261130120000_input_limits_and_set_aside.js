// @ts-check

/**
 * Input limits and a derivation queue that never blocks:
 * - PostgreSQL columns wide enough for the limits of DESIGN.md's "Input limits" contract (a
 *   512-character service ref or annotation value, a 256-character id); SQLite does not enforce
 *   varchar lengths;
 * - each queue mark (facts per service, rollups per service and day) counts its tries, waits
 *   before the next one, and is set aside with its reason after the last.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!String(knex.client.config.client).includes('sqlite')) {
    const widen = [
      ['opsdeck_deployments', 'external_id', 256],
      ['opsdeck_incidents', 'external_id', 256],
      ['opsdeck_deployments', 'service', 1024],
      ['opsdeck_incidents', 'service', 1024],
      ['opsdeck_pushes', 'service', 1024],
      ['opsdeck_rollup_dirty', 'service', 1024],
      ['opsdeck_facts_dirty', 'service', 1024],
      ['opsdeck_scope_members', 'service', 1024],
      ['opsdeck_rollups', 'scope', 1100],
      ['opsdeck_scope_members', 'scope', 1100],
      ['opsdeck_entity_index', 'annotation_value', 512],
    ];
    for (const [table, column, length] of widen) {
      await knex.raw(
        `ALTER TABLE ?? ALTER COLUMN ?? TYPE varchar(${Number(length)})`,
        [table, column],
      );
    }
  }
  for (const table of ['opsdeck_facts_dirty', 'opsdeck_rollup_dirty']) {
    await knex.schema.alterTable(table, t => {
      t.integer('attempts')
        .notNullable()
        .defaultTo(0)
        .comment('Tries so far; the mark is set aside after the last one');
      t.bigInteger('not_before')
        .notNullable()
        .defaultTo(0)
        .comment('Epoch ms before which the mark is not taken again (backoff)');
      t.text('last_error').nullable().comment('Why the last try failed');
      t.bigInteger('set_aside_at')
        .nullable()
        .comment('Epoch ms it was set aside; an admin retry clears it');
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of ['opsdeck_facts_dirty', 'opsdeck_rollup_dirty']) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('attempts');
      t.dropColumn('not_before');
      t.dropColumn('last_error');
      t.dropColumn('set_aside_at');
    });
  }
};
