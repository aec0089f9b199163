export * from './safeUrl';
