export * from './providerHttp';
export * from './createOnCallProviderModule';
