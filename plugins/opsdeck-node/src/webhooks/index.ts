export * from './helpers';
export * from './createWebhookSourceModule';
export * from './backfillChanges';
