export * from './budget';
export * from './openslo';
