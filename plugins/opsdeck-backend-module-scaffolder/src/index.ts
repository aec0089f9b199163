/**
 * OpsDeck scaffolder actions: publish a golden path's files without a git host.
 *
 * @packageDocumentation
 */

export { opsdeckScaffolderModule as default } from './module';
export { createPublishWorkspaceAction } from './publishWorkspaceAction';
export { createAccessRequestAction } from './accessRequestAction';
