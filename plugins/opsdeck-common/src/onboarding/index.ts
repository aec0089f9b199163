export * from './checklist';
