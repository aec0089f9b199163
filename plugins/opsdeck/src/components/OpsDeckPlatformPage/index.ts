export { OpsDeckPlatformPage } from './OpsDeckPlatformPage';
