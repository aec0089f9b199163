export * from './helpers';
export * from './createWebhookSourceModule';
