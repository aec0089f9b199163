export * from './domains';
export * from './domainOwner';
