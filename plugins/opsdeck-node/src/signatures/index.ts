export * from './hmac';
export * from './secrets';
