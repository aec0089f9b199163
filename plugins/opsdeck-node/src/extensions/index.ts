export * from './webhookSources';
export * from './oncallProviders';
export * from './sliProviders';
