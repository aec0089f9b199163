export * from './rotation';
export * from './inheritance';
