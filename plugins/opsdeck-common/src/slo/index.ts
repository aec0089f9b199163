export * from './budget';
export * from './openslo';
export * from './answers';
