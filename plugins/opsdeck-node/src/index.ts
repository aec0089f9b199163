/**
 * Node.js library for OpsDeck: the extension points backend modules use to add webhook sources
 * and on-call providers, and the signature and settings helpers they share.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './signatures';
export * from './webhooks';
export * from './providers';
