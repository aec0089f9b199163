export * from './integrations';
export * from './computeCoverage';
