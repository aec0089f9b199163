export * from './providerHttp';
export * from './createOnCallProviderModule';
export * from './paging';
