// @ts-check

/**
 * Deployment and incident events, and the records folded from them. Instants are epoch
 * milliseconds so SQLite and PostgreSQL agree; JSON is stored as text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_events', table => {
    table.comment(
      'Every accepted deployment/incident event; records are folded from these',
    );
    table.bigIncrements('id').primary().comment('Surrogate key');
    table.string('kind', 16).notNullable().comment('deployment | incident');
    table
      .string('record_key', 400)
      .notNullable()
      .comment('<source>:<id> of the record it updates');
    table
      .bigInteger('event_time')
      .notNullable()
      .comment('When it happened, epoch ms; orders updates');
    table.text('payload').notNullable().comment('The normalised event as JSON');
    table
      .string('payload_hash', 64)
      .notNullable()
      .comment('sha256 of payload: the same event twice is stored once');
    table
      .bigInteger('received_at')
      .notNullable()
      .comment('When OpsDeck accepted it, epoch ms');
    table.unique(['kind', 'record_key', 'payload_hash'], {
      indexName: 'opsdeck_events_dedupe_uq',
    });
    table.index(['kind', 'record_key'], 'opsdeck_events_record_idx');
  });

  await knex.schema.createTable('opsdeck_deployments', table => {
    table.comment('One row per deployment, folded from its events');
    table.string('record_key', 400).primary().comment('<source>:<id>');
    table
      .string('source', 64)
      .notNullable()
      .comment('Who sent it (events source name or webhook source)');
    table.string('external_id', 255).notNullable().comment("The sender's id");
    table
      .string('service', 400)
      .notNullable()
      .comment('Service identity: entity:<ref> or annotation:<key>=<value>');
    table
      .string('environment', 255)
      .notNullable()
      .comment('Environment name as sent');
    table
      .string('status', 16)
      .notNullable()
      .comment('success | failure | cancelled | pending');
    table.bigInteger('started_at').nullable().comment('epoch ms');
    table
      .bigInteger('finished_at')
      .nullable()
      .comment('Time of the terminal status, epoch ms');
    table.string('commit_sha', 64).nullable().comment('Deployed commit');
    table
      .bigInteger('commit_time')
      .nullable()
      .comment('Deployed commit time, epoch ms');
    table
      .text('changes')
      .nullable()
      .comment('JSON [{sha,time}] the deployment ships');
    table
      .string('rollback_of', 400)
      .nullable()
      .comment('record_key of the deployment it reverts');
    table.boolean('rework').nullable().comment('Unplanned fix');
    table
      .text('fixes')
      .nullable()
      .comment('JSON [record_key] of incidents it fixes');
    table
      .text('url')
      .nullable()
      .comment('Link back to the source (http/https only)');
    table.text('title').nullable().comment('Display title');
    table.bigInteger('updated_at').notNullable().comment('Last fold, epoch ms');
    table.index(
      ['service', 'finished_at'],
      'opsdeck_deployments_service_time_idx',
    );
    table.index(['finished_at'], 'opsdeck_deployments_time_idx');
  });

  await knex.schema.createTable('opsdeck_incidents', table => {
    table.comment('One row per incident, folded from its events');
    table.string('record_key', 400).primary().comment('<source>:<id>');
    table.string('source', 64).notNullable().comment('Who sent it');
    table.string('external_id', 255).notNullable().comment("The sender's id");
    table
      .string('service', 400)
      .notNullable()
      .comment('Service identity: entity:<ref> or annotation:<key>=<value>');
    table.bigInteger('opened_at').notNullable().comment('epoch ms');
    table
      .bigInteger('resolved_at')
      .nullable()
      .comment('epoch ms; null while open or after a reopen');
    table
      .string('severity', 64)
      .nullable()
      .comment('Provider severity as sent');
    table
      .string('environment', 255)
      .nullable()
      .comment('Environment, when the sender knows it');
    table
      .boolean('is_alert')
      .nullable()
      .comment('An alert (Opsgenie/JSM) rather than an incident');
    table.text('caused_by').nullable().comment('JSON {deployment} | {commit}');
    table
      .text('url')
      .nullable()
      .comment('Link back to the source (http/https only)');
    table.text('title').nullable().comment('Display title');
    table.bigInteger('updated_at').notNullable().comment('Last fold, epoch ms');
    table.index(['service', 'opened_at'], 'opsdeck_incidents_service_time_idx');
    table.index(['opened_at'], 'opsdeck_incidents_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_incidents');
  await knex.schema.dropTable('opsdeck_deployments');
  await knex.schema.dropTable('opsdeck_events');
};
