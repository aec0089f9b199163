export * from './rotation';
export * from './inheritance';
export * from './answers';
