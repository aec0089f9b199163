/**
 * The OpsDeck backend plugin.
 *
 * @packageDocumentation
 */
export { opsdeckPlugin as default } from './plugin';
