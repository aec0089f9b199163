// @ts-check

/**
 * Raw webhook and event deliveries, stored before OpsDeck answers 2xx so nothing acknowledged
 * is lost. Instants are epoch milliseconds so SQLite and PostgreSQL agree.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opsdeck_raw_deliveries', table => {
    table.comment(
      'Raw webhook/event deliveries, kept for opsdeck.retention.rawDeliveries',
    );
    table
      .bigIncrements('id')
      .primary()
      .comment('Surrogate key, also the pagination cursor');
    table
      .string('source', 64)
      .notNullable()
      .comment('Webhook source id, e.g. github, or "events"');
    table
      .string('delivery_id', 255)
      .notNullable()
      .comment(
        "The provider's delivery id (e.g. X-GitHub-Delivery); redeliveries share it",
      );
    table
      .bigInteger('received_at')
      .notNullable()
      .comment('When it arrived, epoch ms');
    table
      .text('headers')
      .notNullable()
      .comment(
        'Request headers as JSON, with Authorization, tokens and signatures removed',
      );
    table.binary('body').notNullable().comment('The raw request body bytes');
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('pending')
      .comment('pending | processed | quarantined | failed');
    table.text('reason').nullable().comment('Why it was quarantined or failed');
    table.unique(['source', 'delivery_id'], {
      indexName: 'opsdeck_raw_deliveries_source_delivery_uq',
    });
    table.index(['status', 'id'], 'opsdeck_raw_deliveries_status_idx');
    table.index(['received_at'], 'opsdeck_raw_deliveries_received_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('opsdeck_raw_deliveries');
};
