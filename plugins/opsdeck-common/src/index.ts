/**
 * Isomorphic parts of OpsDeck: wire types, annotation keys, platform domains, permissions,
 * coverage rules and URL safety. No Node- or React-only imports.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './coverage';
export * from './dora';
export * from './links';
export * from './oncall';
export * from './permissions';
export * from './platform';
export * from './types';
export * from './onboarding';
export * from './access';
export * from './slo';
