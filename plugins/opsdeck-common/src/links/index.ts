export * from './safeUrl';
export * from './entityLinks';
