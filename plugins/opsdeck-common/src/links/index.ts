export * from './safeUrl';
export * from './entityLinks';
export { iconOfAnnotation } from './builtInLinks';
