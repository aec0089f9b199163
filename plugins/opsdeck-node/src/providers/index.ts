export * from './providerHttp';
