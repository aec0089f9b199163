export * from './hmac';
export * from './secrets';
export * from './standardWebhooks';
export * from './utf8';
