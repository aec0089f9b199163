/**
 * OpsDeck's DORA metrics and integration coverage as Tech Insights facts.
 *
 * @packageDocumentation
 */

export { techInsightsModuleOpsDeck as default } from './module';
export { opsdeckFactRetriever } from './opsdeckFactRetriever';
