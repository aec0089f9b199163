export * from './webhookSources';
export * from './oncallProviders';
