export * from './integrations';
export * from './computeCoverage';
export * from './scopeCoverage';
