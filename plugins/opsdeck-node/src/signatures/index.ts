export * from './hmac';
export * from './secrets';
export * from './standardWebhooks';
