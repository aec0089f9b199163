// @ts-check

/**
 * Daily DORA rollups: one row per (scope, UTC day). Scopes are `svc:<service identity>` (built
 * from the per-record facts), and `group:<ref>`, `tree:<ref>` (with child groups) and `org`
 * (built by adding up their members' `svc:` rows). Group and org answers read only these.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_rollups', table => {
    table.comment('Daily DORA counts, value lists and sketches per scope');
    table
      .string('scope', 500)
      .notNullable()
      .comment('svc:<identity> | group:<ref> | tree:<ref> | org');
    table.bigInteger('day').notNullable().comment('00:00 UTC, epoch ms');
    table
      .string('config_hash', 64)
      .notNullable()
      .comment('Hash of the DORA rules the row was built with');
    for (const [name, comment] of [
      ['sent', 'Deployments sent (finished, else started) this day'],
      ['successes', 'Successful production deployments'],
      ['completed', 'Completed production deployments'],
      ['failed', 'Failed completed production deployments'],
      ['rework', 'Unplanned fixes'],
      ['unrecovered', 'Failed deployments not recovered'],
      ['discarded', 'Failed deployments with recovery ≤ 0'],
      ['opened', 'Incidents opened that count'],
      ['unresolved', 'Of those, still open'],
      ['lead_n', 'Lead-time values'],
      ['recovery_n', 'Recovery-time values'],
      ['duration_n', 'Incident durations'],
    ]) {
      table.integer(name).notNullable().defaultTo(0).comment(comment);
    }
    for (const kind of ['lead', 'recovery', 'duration']) {
      table
        .text(`${kind}_values`)
        .nullable()
        .comment(
          'Values in ms, sorted, as base64 of little-endian float64; null above 10 000',
        );
      table
        .text(`${kind}_sketch`)
        .nullable()
        .comment(
          'DDSketch (1 % relative accuracy) of the same values: JSON of its non-empty bins',
        );
    }
    table.bigInteger('updated_at').notNullable().comment('epoch ms');
    table.primary(['scope', 'day']);
  });

  await knex.schema.createTable('opsdeck_rollup_dirty', table => {
    table.comment('(service, day) pairs whose rollups must be re-derived');
    table.string('service', 400).notNullable().comment('Service identity');
    table.bigInteger('day').notNullable().comment('00:00 UTC, epoch ms');
    table
      .string('token', 36)
      .notNullable()
      .comment('Changes on each mark, so a sweep never clears a newer mark');
    table.primary(['service', 'day']);
  });

  await knex.schema.createTable('opsdeck_facts_dirty', table => {
    table.comment(
      'Services whose per-record facts must be re-derived (ingestion defers it, so that many deliveries share one pass)',
    );
    table.string('service', 400).primary().comment('Service identity');
    table
      .string('token', 36)
      .notNullable()
      .comment('Changes on each mark, so a pass never clears a newer mark');
  });

  await knex.schema.createTable('opsdeck_scope_members', table => {
    table.comment('Which service identities each group/org scope holds');
    table.string('scope', 500).notNullable().comment('group:… | tree:… | org');
    table.string('service', 400).notNullable().comment('Service identity');
    table.primary(['scope', 'service']);
    table.index(['service'], 'opsdeck_scope_members_service_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_scope_members');
  await knex.schema.dropTable('opsdeck_facts_dirty');
  await knex.schema.dropTable('opsdeck_rollup_dirty');
  await knex.schema.dropTable('opsdeck_rollups');
};
